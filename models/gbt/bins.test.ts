import { describe, expect, test } from 'bun:test';
import { seededRandom } from '../../engine/random.ts';
import { binMatrix, binOf, cutBetween, fitCuts, MISSING_BIN } from './bins.ts';

const column = (values: number[]) => ({ data: Float64Array.from(values), nRows: values.length, nFeatures: 1 });

describe('fitCuts', () => {
  test('one cut between each pair of distinct values when there are few', () => {
    expect([...fitCuts(column([3, 1, 2, 2, NaN, 1]), 255)[0]!]).toEqual([1.5, 2.5]);
  });

  test('a constant or all-missing feature has no cut', () => {
    expect(fitCuts(column([5, 5, 5]), 255)[0]!.length).toBe(0);
    expect(fitCuts(column([NaN, NaN]), 255)[0]!.length).toBe(0);
  });

  test('many values: at most maxBins bins of about equal size, cuts ascending float32', () => {
    const random = seededRandom(1);
    const x = column(Array.from({ length: 10_000 }, () => random() * 1e-3));
    const cuts = fitCuts(x, 255)[0]!;
    expect(cuts.length).toBe(254);
    for (let i = 0; i < cuts.length; i++) {
      expect(Math.fround(cuts[i]!)).toBe(cuts[i]!);
      if (i > 0) expect(cuts[i]!).toBeGreaterThan(cuts[i - 1]!);
    }
    const counts = new Array<number>(255).fill(0);
    const { bins } = binMatrix(x, [cuts]);
    for (const b of bins) counts[b]!++;
    expect(Math.max(...counts)).toBeLessThan(60);
    expect(Math.min(...counts)).toBeGreaterThan(20);
  });

  test('a heavily tied value stays in one bin', () => {
    const values = [...new Array<number>(900).fill(0), ...Array.from({ length: 100 }, (_, i) => i + 1)];
    const cuts = fitCuts(column(values), 10)[0]!;
    expect(binOf(0, cuts)).toBe(0);
    expect(binOf(1, cuts)).toBe(1);
    expect(cuts.length).toBeLessThanOrEqual(9);
  });
});

describe('binOf', () => {
  test('missing values get their own bin', () => {
    expect(binOf(NaN, Float64Array.from([1]))).toBe(MISSING_BIN);
  });

  test('bin <= b exactly when fround(x) <= cut[b]: training and prediction decide alike', () => {
    const random = seededRandom(2);
    const x = column(Array.from({ length: 2000 }, () => (random() - 0.5) * 0.02));
    const cuts = fitCuts(x, 64)[0]!;
    for (let i = 0; i < 5000; i++) {
      // Values at and right next to the cuts, where float32 rounding could disagree.
      const c = cuts[i % cuts.length]!;
      const v = [c, c * (1 + 1e-9), c * (1 - 1e-9), (random() - 0.5) * 0.03][i % 4]!;
      const bin = binOf(v, cuts);
      for (let b = 0; b < cuts.length; b++) expect(bin <= b).toBe(Math.fround(v) <= cuts[b]!);
    }
  });
});

test('cutBetween lies in [a, b) for float32 neighbours too', () => {
  const a = Math.fround(0.1);
  const next = new Float32Array(new Uint32Array([new Uint32Array(new Float32Array([a]).buffer)[0]! + 1]).buffer)[0]!;
  expect(cutBetween(a, next)).toBe(a);
  expect(cutBetween(1, 2)).toBe(1.5);
});
