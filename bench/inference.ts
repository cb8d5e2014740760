// Forecasts of the shipped crypto-1h-h4 set (q10/q50/q90 through onnxruntime): p50/p99 per batch of 100 and 1,000 symbols, beside one row at a time.
// Run: npm run bench -- inference [iterations]. Rows are real: the set's evaluation rows, rebuilt
// from the bundled data. A batch is one Float32Array through the three sessions (run one after
// another, synchronously, by ForecastModel.predict); the baseline, in the same run, forecasts the same 100
// rows one predict call each, as a caller without batching would. Target: 100 symbols ≤ 1 ms p99.
import { join } from 'node:path';
import { featureSpecFor } from '../models/features/spec.ts';
import { loadModelSet } from '../models/registry/index.ts';
import { loadBundledSeries, planSplit, poolDatasets } from '../models/training/index.ts';
import { percentile, report, round3 } from './report.ts';

const ITERATIONS = Number(process.argv[2] ?? 2_000);
const model = loadModelSet(join(import.meta.dir, '..', 'models', 'shipped', 'crypto-1h-h4'));
const { card } = model;
const pool = poolDatasets(await loadBundledSeries(card.class, card.tf), featureSpecFor(card.tf), card.horizon, card.tf);
const evaluation = planSplit(pool, card.split).evaluation;

/** The first n evaluation rows (cycled if fewer), as one float32 batch. */
function batchOf(n: number): Float32Array {
  const batch = new Float32Array(n * pool.nFeatures);
  for (let i = 0; i < n; i++) {
    const r = evaluation[i % evaluation.length]!;
    batch.set(pool.x.subarray(r * pool.nFeatures, (r + 1) * pool.nFeatures), i * pool.nFeatures);
  }
  return batch;
}

/** Milliseconds per call of `run`, after a warm-up that lets onnxruntime size its buffers. */
function timings(iterations: number, run: () => unknown): { p50: number; p99: number } {
  for (let i = 0; i < Math.min(100, iterations); i++) run();
  Bun.gc(true); // start each measurement from a collected heap: the bundled bars stay cached in this process
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = Bun.nanoseconds();
    run();
    samples.push((Bun.nanoseconds() - start) / 1e6);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const batch100 = batchOf(100);
const batch1000 = batchOf(1_000);
const rows100 = Array.from({ length: 100 }, (_, i) => batch100.subarray(i * pool.nFeatures, (i + 1) * pool.nFeatures));
const batched100 = timings(ITERATIONS, () => model.predict(batch100));
const batched1000 = timings(Math.ceil(ITERATIONS / 4), () => model.predict(batch1000));
const oneByOne100 = timings(Math.ceil(ITERATIONS / 20), () => {
  for (const row of rows100) model.predict(row);
});
model.release();

/**
 * The machine's own tail: a pure-JS loop sized to the 100-symbol batch's p50, timed the same way.
 * On a shared VM its p99/p50 shows how much of a p99 is the scheduler rather than the model.
 */
let sink = 0;
const spin = (n: number) => {
  for (let k = 0; k < n; k++) sink += Math.sqrt(k);
};
spin(5_000_000); // optimised before it is measured
const calibration = Bun.nanoseconds();
spin(5_000_000);
const spins = Math.ceil((5_000_000 * batched100.p50 * 1e6) / (Bun.nanoseconds() - calibration));
const machine = timings(ITERATIONS, () => spin(spins));

const f = (t: { p50: number; p99: number }) => `p50 ${t.p50.toFixed(3)} ms, p99 ${t.p99.toFixed(3)} ms`;
console.log(`${card.id}@${card.version}, ${pool.nFeatures} features, trees q10/q50/q90: ${card.models.q10.trees}/${card.models.q50.trees}/${card.models.q90.trees}`);
console.log(`batch of 100 symbols:   ${f(batched100)} (${ITERATIONS} runs); target p99 ≤ 1 ms: ${batched100.p99 <= 1 ? 'met' : 'NOT met'}`);
console.log(`batch of 1,000 symbols: ${f(batched1000)} (${Math.ceil(ITERATIONS / 4)} runs)`);
console.log(`baseline, 100 symbols one row at a time: ${f(oneByOne100)} (${Math.ceil(ITERATIONS / 20)} runs)`);
console.log(`machine tail, pure-JS loop of the batch's p50: ${f(machine)}; p99/p50 ${(machine.p99 / machine.p50).toFixed(2)} (batch of 100: ${(batched100.p99 / batched100.p50).toFixed(2)})`);
report({
  bench: 'inference',
  value: round3(batched100.p99),
  unit: 'ms p99 per 100 symbols',
  baseline: round3(oneByOne100.p99),
  p50_100: round3(batched100.p50),
  p50_1000: round3(batched1000.p50),
  p99_1000: round3(batched1000.p99),
  baselineP50: round3(oneByOne100.p50),
  targetMet: batched100.p99 <= 1,
  machineP99OverP50: round3(machine.p99 / machine.p50),
  sink: Number.isFinite(sink),
});
