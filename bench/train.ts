// Training a forecast model set on the bundled crypto data (8 pairs, 1m → 1h): seconds and rows/s, beside one squared-loss model.
// Run: npm run bench -- train [repeats]. The pipeline is the shipped one: 3 folds × q10/q50/q90,
// walk-forward scoring and ONNX export. The baseline, in the same run, is a single squared-loss
// model with the same params on the shipped model's train/validation split: the unit the
// pipeline's nine trainings are made of, so `ratio` says what the quantile band and the
// walk-forward evaluation cost on top of a plain point forecast.
import { featureSpecFor } from '../models/features/spec.ts';
import { trainGbt } from '../models/gbt/train.ts';
import { subset } from '../models/training/fold-training.ts';
import { FORECAST_PARAMS, loadBundledSeries, planSplit, poolDatasets, trainModelSet } from '../models/training/index.ts';
import { formatRate, report, round3 } from './report.ts';

const REPEATS = Number(process.argv[2] ?? 5);
const ms = (start: number) => (Bun.nanoseconds() - start) / 1e6;

function best<T>(run: () => T): { ms: number; result: T } {
  let fastest = Infinity;
  let result!: T;
  for (let i = 0; i < REPEATS; i++) {
    const start = Bun.nanoseconds();
    result = run();
    fastest = Math.min(fastest, ms(start));
  }
  return { ms: fastest, result };
}

let start = Bun.nanoseconds();
const series = await loadBundledSeries('crypto', '1h'); // parses 8 × 41k 1m bars once (cached afterwards)
const loadMs = ms(start);
const candles = series.reduce((n, s) => n + s.candles.length, 0);

const pool = best(() => poolDatasets(series, featureSpecFor('1h'), 4, '1h'));
const rows = pool.result.nRows;
let treesGrown = 0; // progress comes once per tree grown, early-stopped ones included
const pipeline = best(() => {
  treesGrown = 0;
  return trainModelSet({ assetClass: 'crypto', tf: '1h', horizon: 4, series, onProgress: () => void treesGrown++ });
});

const shipped = planSplit(pool.result).folds[0]!;
const train = subset(pool.result, shipped.train);
const valid = subset(pool.result, shipped.valid);
const single = best(() => trainGbt({ train, valid, params: { ...FORECAST_PARAMS, loss: { kind: 'squared' } } }));

const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
console.log(`load and aggregate (8 pairs, 1m → ${candles} 1h candles): ${s(loadMs)}, once`);
console.log(`features + pooling: ${pool.ms.toFixed(1)} ms for ${rows} rows (${formatRate((rows / pool.ms) * 1000)} rows/s), best of ${REPEATS}`);
const perTree = { pipeline: pipeline.ms / treesGrown, single: single.ms / single.result.treesGrown };
console.log(`model set (9 models, walk-forward, ONNX): ${s(pipeline.ms)}, ${formatRate((rows / pipeline.ms) * 1000)} pooled rows/s, ${treesGrown} trees grown (${perTree.pipeline.toFixed(2)} ms each), best of ${REPEATS}`);
console.log(`baseline, one squared-loss model on ${train.x.nRows} train rows: ${single.ms.toFixed(1)} ms, ${single.result.treesGrown} trees grown (${perTree.single.toFixed(2)} ms each), ${formatRate((train.x.nRows / single.ms) * 1000)} rows/s`);
report({
  bench: 'train',
  value: round3(pipeline.ms),
  unit: 'ms',
  baseline: round3(single.ms),
  rowsPerSecond: round3((rows / pipeline.ms) * 1000),
  rows,
  loadMs: round3(loadMs),
  poolMs: round3(pool.ms),
  treesGrown,
  msPerTree: round3(perTree.pipeline),
  baselineMsPerTree: round3(perTree.single),
  keptTrees: Object.fromEntries(Object.entries(pipeline.result.card.models).map(([q, m]) => [q, m.trees])),
});
