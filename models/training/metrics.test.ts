import { describe, expect, test } from 'bun:test';
import { directionScore, scoreForecasts, type ScoredRows } from './metrics.ts';

const rows = (over: Partial<Record<keyof ScoredRows, number[]>>): ScoredRows => {
  const n = (over.y ?? [0]).length;
  const fill = (v: number) => new Array<number>(n).fill(v);
  return {
    y: fill(0),
    q10: fill(-1),
    q50: fill(0),
    q90: fill(1),
    pastReturn: fill(0),
    trainingMedian: fill(0),
    bandLow: fill(-1),
    bandHigh: fill(1),
    ...over,
  };
};

describe('directionScore', () => {
  test('1 for the right sign, 0 for the wrong one, 1/2 when the forecast or the target is zero or NaN', () => {
    expect([directionScore(0.1, 0.3), directionScore(-0.1, -2), directionScore(0.1, -0.3)]).toEqual([1, 1, 0]);
    expect([directionScore(0, 0.3), directionScore(0.2, 0), directionScore(NaN, 1)]).toEqual([0.5, 0.5, 0.5]);
  });
});

describe('scoreForecasts', () => {
  const y = [0.02, -0.01, 0.03, -0.04];

  test('MAE and hit rate of the median beside the zero-return, last-return and drift calls', () => {
    const m = scoreForecasts(rows({ y, q50: [0.01, 0.01, 0.01, -0.01], pastReturn: [-1, -1, 1, 1], trainingMedian: [1, 1, 1, 1] }));
    expect(m.mae.model).toBeCloseTo((0.01 + 0.02 + 0.02 + 0.03) / 4, 15);
    expect(m.mae.zeroReturn).toBeCloseTo(0.1 / 4, 15);
    expect(m.hitRate).toEqual({ model: 0.75, zeroReturn: 0.5, lastReturnSign: 0.5, trainingMedianSign: 0.5 });
    expect(m.beatsBaseline.mae).toBe(true);
    expect(m.beatsBaseline.hitRate).toBe(true);
  });

  test('coverage counts targets inside the band; the closer to 80% wins, too wide loses like too narrow', () => {
    const y10 = Array.from({ length: 10 }, (_, i) => i - 4.5); // -4.5 .. 4.5
    const m = scoreForecasts(rows({ y: y10, q10: new Array(10).fill(-3.6), q90: new Array(10).fill(3.6), bandLow: new Array(10).fill(-9), bandHigh: new Array(10).fill(9) }));
    expect(m.coverage).toEqual({ model: 0.8, empiricalBand: 1, nominal: 0.8 });
    expect(m.width.model).toBeCloseTo(7.2, 12);
    expect(m.width.empiricalBand).toBe(18);
    expect(m.beatsBaseline.coverage).toBe(true);
    expect(m.pinball.model).toBeLessThan(m.pinball.empiricalBand);
    expect(m.beatsBaseline.pinball).toBe(true);
  });

  test('a model worse than a baseline is reported as not beating it', () => {
    const m = scoreForecasts(rows({ y, q50: [-0.05, 0.05, -0.05, 0.05], pastReturn: y }));
    expect(m.mae.model).toBeGreaterThan(m.mae.zeroReturn);
    expect(m.beatsBaseline).toMatchObject({ mae: false, hitRate: false });
    expect(m.hitRate.lastReturnSign).toBe(1);
  });

  test('no rows is an error, not NaN figures', () => {
    expect(() => scoreForecasts(rows({ y: [] }))).toThrow('no rows');
  });
});
