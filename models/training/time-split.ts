import type { PooledDataset } from './pooled-dataset.ts';

/**
 * The split, by time, fixed before any training. The evaluation period is the last fifth of the
 * rows; each evaluated period is forecast by models trained on rows before it, whose last 18.75%
 * (15% of all rows for the shipped models, which train before the whole evaluation period)
 * only decide when to stop adding trees.
 */
export const SPLIT_SHARES = { evaluationShare: 0.2, validationShareOfPast: 0.1875, folds: 3 } as const;
export type SplitShares = { readonly evaluationShare: number; readonly validationShareOfPast: number; readonly folds: number };

export const SPLIT_RULE =
  'By candle open time over the pooled symbols. Evaluation: the rows from the time of the row at (1 − evaluationShare) on, never seen by the shipped models. ' +
  'Models that forecast a period train on the rows before it; the last validationShareOfPast of those rows are the validation split (early stopping only). ' +
  'A row stays in a split only if its target is known (candle t + horizon has closed) when the next split starts: a gap of horizon candles per symbol. ' +
  'Walk-forward: the evaluation period cut into `folds` periods of equal rows, each forecast by models retrained on every row before it (expanding window) with the same params and seed; fold 1 uses the shipped models.';

/** Row indices (ascending, so in time order) of the sets one forecast period needs. */
export interface FoldRows {
  /** First and end (exclusive) time of the forecast period; end is Infinity for the last. */
  readonly start: number;
  readonly end: number;
  readonly train: Uint32Array;
  readonly valid: Uint32Array;
  readonly evaluation: Uint32Array;
}

export interface SplitPlan {
  readonly evaluationStart: number;
  /** Every row from evaluationStart on. */
  readonly evaluation: Uint32Array;
  /** folds[0].train/valid are the shipped models' sets. */
  readonly folds: readonly FoldRows[];
  /** Rows before the evaluation period in neither the shipped train nor validation set. */
  readonly gapRows: number;
}

/** Splits a time-ordered pooled set; throws a RangeError when a set would be empty. */
export function planSplit(pool: PooledDataset, shares: SplitShares = SPLIT_SHARES): SplitPlan {
  const { times, nRows } = pool;
  const evalIndex = firstAtOrAfter(times, times[Math.floor(nRows * (1 - shares.evaluationShare))] ?? Infinity);
  const evalRows = nRows - evalIndex;
  if (evalRows < shares.folds) throw new RangeError(`Not enough rows to evaluate: ${evalRows} in the evaluation period for ${shares.folds} folds`);
  const starts = Array.from({ length: shares.folds }, (_, k) => times[evalIndex + Math.floor((k * evalRows) / shares.folds)]!);
  if (new Set(starts).size !== starts.length) throw new RangeError(`Not enough distinct times in the evaluation period for ${shares.folds} folds`);

  const folds = starts.map((start, k): FoldRows => {
    const end = starts[k + 1] ?? Infinity;
    return { start, end, ...pastSplit(pool, start, shares.validationShareOfPast), evaluation: range(firstAtOrAfter(times, start), firstAtOrAfter(times, end)) };
  });
  const shipped = folds[0]!;
  return { evaluationStart: starts[0]!, evaluation: range(evalIndex, nRows), folds, gapRows: evalIndex - shipped.train.length - shipped.valid.length };
}

/** Train and validation rows for models that forecast from time `end` on. */
function pastSplit(pool: PooledDataset, end: number, validShare: number): { train: Uint32Array; valid: Uint32Array } {
  const past = firstAtOrAfter(pool.times, end);
  const validStart = pool.times[Math.floor(past * (1 - validShare))]!;
  const train = knownRows(pool, 0, firstAtOrAfter(pool.times, validStart), validStart);
  const valid = knownRows(pool, firstAtOrAfter(pool.times, validStart), past, end);
  if (train.length === 0 || valid.length === 0) throw new RangeError(`Not enough rows before ${new Date(end).toISOString()}: ${train.length} to train on, ${valid.length} to validate`);
  return { train, valid };
}

/** Rows [from, to) whose target is known by `boundary`: the others would leak into the next split. */
function knownRows(pool: PooledDataset, from: number, to: number, boundary: number): Uint32Array {
  const rows: number[] = [];
  for (let r = from; r < to; r++) if (pool.targetKnownAt[r]! <= boundary) rows.push(r);
  return Uint32Array.from(rows);
}

/** The first index whose time is at or after t (times ascending); length if none. */
function firstAtOrAfter(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const range = (from: number, to: number) => Uint32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
