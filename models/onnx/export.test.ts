import { describe, expect, test } from 'bun:test';
import { onnx } from 'onnx-proto';
import type { Model } from '../gbt/model.ts';
import { sliceRows, syntheticDataset } from '../gbt/synthetic-data.ts';
import { trainGbt } from '../gbt/train.ts';
import { exportOnnx } from './export.ts';
import { readOnnxMetadata } from './metadata.ts';

const train = sliceRows(syntheticDataset(3000), 0, 3000);
const modelWith = (seed: number, rowSubsample: number): Model =>
  trainGbt({ train, params: { loss: { kind: 'quantile', alpha: 0.9 }, learningRate: 0.1, maxDepth: 4, maxTrees: 30, rowSubsample, seed } }).model;

describe('exportOnnx', () => {
  test('same data and seed give byte-identical files; another seed with subsampling does not', () => {
    const bytes = exportOnnx(modelWith(3, 0.7));
    expect(exportOnnx(modelWith(3, 0.7))).toEqual(bytes);
    expect(exportOnnx(modelWith(4, 0.7))).not.toEqual(bytes);
  });

  test('one TreeEnsembleRegressor from features [N, nFeatures] to variable [N, 1], both opsets imported', () => {
    const model = modelWith(1, 1);
    const proto = onnx.ModelProto.decode(exportOnnx(model));
    expect(proto.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([
      ['', 15],
      ['ai.onnx.ml', 3],
    ]);
    const graph = proto.graph as onnx.GraphProto;
    const node = graph.node[0] as onnx.NodeProto;
    expect(graph.node.length).toBe(1);
    expect([node.domain, node.opType]).toEqual(['ai.onnx.ml', 'TreeEnsembleRegressor']);
    const dims = (v: onnx.IValueInfoProto) => v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    expect(graph.input.map((i) => [i.name, dims(i)])).toEqual([['features', ['N', 20]]]);
    expect(graph.output.map((o) => [o.name, dims(o)])).toEqual([['variable', ['N', 1]]]);
    const attribute = (name: string) => node.attribute.find((a) => a.name === name) as onnx.AttributeProto;
    const nodeCount = model.trees.reduce((n, t) => n + t.feature.length, 0);
    expect(attribute('nodes_modes').strings.length).toBe(nodeCount);
    // NaN follows the true (left) branch at every split, as in the TS trees.
    const modes = attribute('nodes_modes').strings.map((s) => new TextDecoder().decode(s));
    expect(attribute('nodes_missing_value_tracks_true').ints.map(Number)).toEqual(modes.map((m) => (m === 'BRANCH_LEQ' ? 1 : 0)));
    expect(attribute('base_values').floats).toEqual([model.baseScore]);
  });

  test('writes the caller’s metadata in order, which readOnnxMetadata reads back', () => {
    const metadata = { model_id: 'btc-1h-q90', version: '3', feature_names: JSON.stringify(['ret_1', 'rsi_14']), horizon: '1h' };
    const bytes = exportOnnx(modelWith(1, 1), { metadata });
    expect(readOnnxMetadata(bytes)).toEqual(metadata);
    expect(Object.keys(readOnnxMetadata(bytes))).toEqual(Object.keys(metadata));
    expect(readOnnxMetadata(exportOnnx(modelWith(1, 1)))).toEqual({});
  });

  test('refuses a model whose numbers are not float32: the file would predict something else', () => {
    const model = modelWith(1, 1);
    const tree = model.trees[0]!;
    const broken: Model = { ...model, trees: [{ ...tree, threshold: tree.threshold.map((t, i) => (i === 0 ? 0.1 : t)) }] };
    expect(() => exportOnnx(broken)).toThrow('Cannot export to ONNX: the threshold of tree 0 node 0 is not a finite float32 value, was 0.1');
  });
});
