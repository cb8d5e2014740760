import type { Matrix } from './matrix.ts';

/**
 * Histogram binning. Each feature is cut once into up to 255 quantile bins, so split search
 * scans 255 histogram cells instead of sorting rows at every node.
 *
 * The float32 rule: a value is binned as `Math.fround(x)`, and the cuts are float32 numbers, so
 * "bin <= b" during training is exactly "fround(x) <= cut[b]" at prediction time, in TS and in
 * onnxruntime (which compares float32 inputs to float32 thresholds).
 */

/** The bin of a missing (NaN) value, above every value bin (at most 255 of them: 0..254). */
export const MISSING_BIN = 255;

/** Binned features, column-major (`bins[f * nRows + r]`) so a histogram pass reads one feature's column. */
export interface BinnedMatrix {
  readonly bins: Uint8Array;
  readonly nRows: number;
  readonly nFeatures: number;
}

/**
 * Cut points per feature, ascending float32 values: bin b holds `cuts[b-1] < x <= cuts[b]`.
 * A feature with fewer than two distinct values has no cut and can never be split on.
 */
export function fitCuts(x: Matrix, maxBins: number): Float64Array[] {
  const { data, nRows, nFeatures } = x;
  const column = new Float64Array(nRows);
  const cuts: Float64Array[] = [];
  for (let f = 0; f < nFeatures; f++) {
    let n = 0;
    for (let r = 0; r < nRows; r++) {
      const v = Math.fround(data[r * nFeatures + f]!);
      if (v === v) column[n++] = v;
    }
    cuts.push(quantileCuts(column.subarray(0, n).sort(), maxBins));
  }
  return cuts;
}

/** Cuts for sorted values: one per gap between distinct values if few, else at ~equal row counts. */
function quantileCuts(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  const out: number[] = [];
  // Distinct values and how many rows are <= each, so heavy ties (zeros, capped values) stay in one bin.
  const distinct: number[] = [];
  const atOrBelow: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
    atOrBelow[distinct.length - 1] = i + 1;
  }
  const m = distinct.length;
  if (m <= maxBins) {
    for (let j = 0; j + 1 < m; j++) out.push(cutBetween(distinct[j]!, distinct[j + 1]!));
    return Float64Array.from(out);
  }
  let j = 0;
  let last = -1;
  for (let k = 1; k < maxBins; k++) {
    const target = (k * n) / maxBins;
    while (j < m - 1 && atOrBelow[j]! < target) j++;
    if (j >= m - 1) break;
    if (j !== last) out.push(cutBetween(distinct[j]!, distinct[j + 1]!));
    last = j;
  }
  return Float64Array.from(out);
}

/**
 * A float32 cut with a <= cut < b, for float32 a < b: the midpoint (unseen values between two
 * training values split evenly), or a itself when a and b are adjacent float32 numbers.
 */
export function cutBetween(a: number, b: number): number {
  const mid = Math.fround(a / 2 + b / 2);
  return mid >= a && mid < b ? mid : a;
}

/** The bin of one value under a feature's cuts: the first cut the float32 value is <= to. */
export function binOf(value: number, cuts: Float64Array): number {
  const v = Math.fround(value);
  if (v !== v) return MISSING_BIN;
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= cuts[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Bins every value of a matrix with cuts fitted on the training set (also used for the valid set). */
export function binMatrix(x: Matrix, cuts: readonly Float64Array[]): BinnedMatrix {
  const { data, nRows, nFeatures } = x;
  const bins = new Uint8Array(nRows * nFeatures);
  for (let f = 0; f < nFeatures; f++) {
    const featureCuts = cuts[f]!;
    const offset = f * nRows;
    for (let r = 0; r < nRows; r++) bins[offset + r] = binOf(data[r * nFeatures + f]!, featureCuts);
  }
  return { bins, nRows, nFeatures };
}
