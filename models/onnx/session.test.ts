import { describe, expect, test } from 'bun:test';
import { onnx } from 'onnx-proto';
import { syntheticDataset } from '../gbt/synthetic-data.ts';
import { trainGbt } from '../gbt/train.ts';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { exportOnnx, INPUT_NAME, OUTPUT_NAME } from './export.ts';
import { readOnnxMetadata } from './metadata.ts';
import { OnnxModelError } from './onnx-model-error.ts';
import { loadOnnxRegressor } from './session.ts';

const { model } = trainGbt({ train: syntheticDataset(500, { nFeatures: 6 }), params: { loss: { kind: 'squared' }, learningRate: 0.1, maxDepth: 3, maxTrees: 5 } });
const bytes = exportOnnx(model, { metadata: { model_id: 'test' } });

describe('loadOnnxRegressor', () => {
  test('reads the feature count from the graph and predicts one value per row', async () => {
    const session = loadOnnxRegressor(bytes);
    expect(session.nFeatures).toBe(6);
    expect(session.run(new Float32Array(18)).length).toBe(3);
    expect(() => session.run(new Float32Array(7))).toThrow('Cannot run ONNX model: a batch of 7 values is not whole rows of 6 features');
    session.release();
  });

  test.each([
    ['truncated', bytes.slice(0, bytes.length >> 1)],
    ['random', Uint8Array.from({ length: 64 }, (_, i) => (i * 151 + 7) & 0xff)],
    ['empty', new Uint8Array(0)],
  ])('%s bytes fail with an OnnxModelError that names the model and keeps the cause', async (_, corrupt) => {
    let error: unknown;
    try {
      loadOnnxRegressor(corrupt);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OnnxModelError);
    expect((error as Error).message).toStartWith(`Cannot load ONNX model (${corrupt.length} bytes): `);
    expect((error as Error).cause).toBeDefined();
  });

  test("the native session answers exactly what onnxruntime-node's public API answers", async () => {
    const rows = Float32Array.from({ length: 50 * 6 }, (_, i) => ((i * 7919) % 97) / 10 - 4);
    rows[7] = NaN;
    const session = await InferenceSession.create(bytes, { intraOpNumThreads: 1 });
    const input = new Tensor('float32', rows, [50, 6]);
    const expected = (await session.run({ [INPUT_NAME]: input }))[OUTPUT_NAME]!.data as Float32Array;
    await session.release();
    const native = loadOnnxRegressor(bytes);
    expect([...native.run(rows)]).toEqual([...expected]);
    native.release();
  });

  test('a valid ONNX file with another interface is refused, naming what it has', async () => {
    const proto = onnx.ModelProto.decode(bytes);
    const graph = proto.graph as onnx.GraphProto;
    graph.input[0]!.name = 'x';
    graph.node[0]!.input = ['x'];
    const other = Uint8Array.from(onnx.ModelProto.encode(proto).finish());
    expect(() => loadOnnxRegressor(other)).toThrow(`Cannot load ONNX model (${other.length} bytes): expected input "features" [N, nFeatures] and output "variable", found inputs ["x"] and outputs ["variable"]`);
  });
});

test('readOnnxMetadata refuses bytes that are not ONNX', () => {
  expect(readOnnxMetadata(bytes)).toEqual({ model_id: 'test' });
  expect(() => readOnnxMetadata(new Uint8Array([1, 2, 3, 4, 5]))).toThrow(new OnnxModelError('Cannot read ONNX metadata (5 bytes): not an ONNX model: index out of range: 1 + 8 > 5'));
});
