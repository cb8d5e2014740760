import { afterAll, describe, expect, test } from 'bun:test';
import type { Dataset, Matrix } from '../gbt/matrix.ts';
import { predictBatch } from '../gbt/model.ts';
import type { Loss } from '../gbt/params.ts';
import { sliceRows, syntheticDataset } from '../gbt/synthetic-data.ts';
import { trainGbt } from '../gbt/train.ts';
import { exportOnnx } from './export.ts';
import { loadOnnxRegressor, type OnnxRegressor } from './session.ts';

/**
 * The ONNX file and the TS model must forecast the same numbers: 1,000 held-out rows, a tenth
 * of them with extra missing features, through the real onnxruntime.
 */
const sessions: OnnxRegressor[] = [];
afterAll(() => sessions.forEach((s) => s.release()));

function withMissing(x: Matrix): Matrix {
  const data = x.data.slice();
  for (let r = 0; r < x.nRows; r += 10) for (const f of [0, 3, 7]) data[r * x.nFeatures + f] = NaN;
  return { ...x, data };
}

async function bothPredictions(data: Dataset, loss: Loss, options: { threads?: number } = {}) {
  const train = sliceRows(data, 0, 4000);
  const rows = withMissing(sliceRows(data, 4000, 5000).x);
  const { model } = trainGbt({ train, params: { loss, learningRate: 0.1, maxDepth: 6, minLeaf: 10, maxTrees: 150, rowSubsample: 0.8 } });
  const session = loadOnnxRegressor(exportOnnx(model), { intraOpNumThreads: options.threads ?? 1 });
  sessions.push(session);
  return { ts: predictBatch(model, rows), ort: session.run(Float32Array.from(rows.data)) };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a, (v, i) => Math.abs(v - b[i]!)).reduce((m, d) => Math.max(m, d), 0);

describe('ONNX and TS predictions agree on 1,000 rows with missing values', () => {
  const returns = syntheticDataset(5000, { scale: 0.01 });
  test.each<[string, Loss]>([
    ['squared', { kind: 'squared' }],
    ['q10', { kind: 'quantile', alpha: 0.1 }],
    ['q90', { kind: 'quantile', alpha: 0.9 }],
  ])('%s on targets scaled like returns: within 1e-5 absolute (bit-equal on one thread)', async (_, loss) => {
    const { ts, ort } = await bothPredictions(returns, loss);
    expect(ort.length).toBe(1000);
    expect(maxAbsDiff(ts, ort)).toBeLessThan(1e-5);
    expect([...ort]).toEqual([...ts]);
  });

  test('large targets: within 1e-5 relative, also when onnxruntime sums trees on two threads', async () => {
    const { ts, ort } = await bothPredictions(syntheticDataset(5000, { scale: 250 }), { kind: 'quantile', alpha: 0.5 }, { threads: 2 });
    const worst = Math.max(...Array.from(ts, (v, i) => Math.abs(v - ort[i]!) / Math.max(1, Math.abs(v))));
    expect(worst).toBeLessThan(1e-5);
  });

  test('a model of single-leaf trees (constant target) exports and predicts its constant', async () => {
    const n = 100;
    const train: Dataset = { x: { data: Float64Array.from({ length: n * 2 }, (_, i) => i), nRows: n, nFeatures: 2 }, y: new Float64Array(n).fill(0.0123) };
    const { model } = trainGbt({ train, params: { loss: { kind: 'squared' }, learningRate: 0.1, maxDepth: 3, maxTrees: 3 } });
    expect(model.trees.every((t) => t.feature.length === 1)).toBe(true);
    const session = loadOnnxRegressor(exportOnnx(model));
    sessions.push(session);
    expect([...session.run(new Float32Array([1, 2, NaN, NaN]))]).toEqual([...predictBatch(model, { data: Float64Array.from([1, 2, NaN, NaN]), nRows: 2, nFeatures: 2 })]);
  });
});
