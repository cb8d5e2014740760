import { describe, expect, test } from 'bun:test';
import { featureSpecFor } from '../features/spec.ts';
import { poolDatasets } from './pooled-dataset.ts';
import { randomWalkSeries } from './testing.ts';
import { planSplit, SPLIT_SHARES } from './time-split.ts';

const HORIZON = 4;
const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD'];

const maxOf = (field: Float64Array, rows: Uint32Array) => Math.max(...Array.from(rows, (r) => field[r]!));
const minOf = (field: Float64Array, rows: Uint32Array) => Math.min(...Array.from(rows, (r) => field[r]!));

describe('planSplit: by time, with no target crossing a boundary', () => {
  const pool = poolDatasets(randomWalkSeries(SYMBOLS, 600, '1h', { skip: new Set([300, 301]) }), featureSpecFor('1h'), HORIZON, '1h');
  const plan = planSplit(pool);

  test('train before validation before evaluation, and every target known before the next split starts', () => {
    for (const fold of plan.folds) {
      expect(maxOf(pool.times, fold.train)).toBeLessThan(minOf(pool.times, fold.valid));
      const validStart = minOf(pool.times, fold.valid);
      expect(maxOf(pool.targetKnownAt, fold.train)).toBeLessThanOrEqual(validStart);
      expect(maxOf(pool.targetKnownAt, fold.valid)).toBeLessThanOrEqual(fold.start);
      expect(minOf(pool.times, fold.evaluation)).toBe(fold.start);
    }
    expect(minOf(pool.times, plan.evaluation)).toBe(plan.evaluationStart);
  });

  test('the gap is horizon candles per symbol at each of the two boundaries', () => {
    expect(plan.gapRows).toBe(2 * HORIZON * SYMBOLS.length);
  });

  test('the evaluation period is the last fifth of the rows, cut into 3 folds that cover it in order', () => {
    expect(plan.evaluation.length).toBe(Math.ceil(pool.nRows * SPLIT_SHARES.evaluationShare / SYMBOLS.length) * SYMBOLS.length);
    expect(plan.folds).toHaveLength(3);
    expect(plan.folds.flatMap((f) => Array.from(f.evaluation))).toEqual(Array.from(plan.evaluation));
    expect(plan.folds.map((f) => f.end)).toEqual([plan.folds[1]!.start, plan.folds[2]!.start, Infinity]);
  });

  test('walk-forward windows expand: each fold trains on every row the one before trained on, and more', () => {
    for (let k = 1; k < plan.folds.length; k++) {
      const before = new Set(plan.folds[k - 1]!.train);
      const now = plan.folds[k]!.train;
      expect(Array.from(before).every((r) => now.includes(r))).toBe(true);
      expect(now.length).toBeGreaterThan(before.size);
    }
  });

  test('the validation split starts at the time of the row 18.75% of the rows before the forecast period', () => {
    for (const fold of plan.folds) {
      const past = pool.times.findIndex((t) => t >= fold.start);
      expect(pool.times[fold.valid[0]!]).toBe(pool.times[Math.floor(past * (1 - SPLIT_SHARES.validationShareOfPast))]!);
    }
  });

  test('too few rows to evaluate is refused', () => {
    const tiny = poolDatasets(randomWalkSeries(['AAA'], 52 + HORIZON, '1h'), featureSpecFor('1h'), HORIZON, '1h');
    expect(() => planSplit(tiny)).toThrow(RangeError);
  });
});
