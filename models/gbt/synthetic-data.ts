import { seededRandom } from '../../engine/random.ts';
import type { Dataset } from './matrix.ts';

/**
 * A deterministic regression problem for tests and benchmarks: a nonlinear target (a sine, an
 * interaction, a step) plus seeded noise whose spread depends on a feature, so quantile bands
 * have something to learn. Features 3 and 4 are missing (NaN) on the first rows, like
 * indicators during warm-up, and now and then later; a missing feature contributes 0.
 */
export function syntheticDataset(nRows: number, { nFeatures = 20, seed = 7, scale = 0.01 } = {}): Dataset {
  if (nFeatures < 5) throw new RangeError(`syntheticDataset needs at least 5 features, got ${nFeatures}`);
  const random = seededRandom(seed);
  const data = new Float64Array(nRows * nFeatures);
  const y = new Float64Array(nRows);
  const warmUp = Math.min(50, Math.floor(nRows / 20));
  for (let r = 0; r < nRows; r++) {
    const row = r * nFeatures;
    for (let f = 0; f < nFeatures; f++) data[row + f] = random() * 2 - 1;
    if (r < warmUp || random() < 0.02) data[row + 3] = NaN;
    if (r < warmUp || random() < 0.02) data[row + 4] = NaN;
    const [x0, x1, x2, x3, x4] = [0, 1, 2, 3, 4].map((f) => data[row + f]!) as [number, number, number, number, number];
    const step = Number.isNaN(x3) ? 0 : x3 > 0.2 ? 0.5 : -0.5;
    const spread = 0.2 + 0.4 * (Number.isNaN(x4) ? 0 : Math.abs(x4));
    y[r] = scale * (Math.sin(3 * x0) + x1 * x2 + step + spread * gaussian(random));
  }
  return { x: { data, nRows, nFeatures }, y };
}

/** A standard normal draw (Box-Muller) from the seeded generator. */
function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Rows [start, end) of a dataset as its own dataset (a time-ordered train/valid/test split). */
export function sliceRows(d: Dataset, start: number, end: number): Dataset {
  const { nFeatures } = d.x;
  return { x: { data: d.x.data.slice(start * nFeatures, end * nFeatures), nRows: end - start, nFeatures }, y: d.y.slice(start, end) };
}
