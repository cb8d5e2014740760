import { expect, test } from 'bun:test';
import { accuracyOf, EMPTY_ACCURACY, rollingAccuracy } from './accuracy.ts';

const ln = Math.log;
// Made at 100: one right and inside its band, one wrong and outside, one with no move.
const forecasts = [
  { price: 100, q10: ln(0.95), q50: ln(1.02), q90: ln(1.05), realisedPrice: 104 },
  { price: 100, q10: ln(0.99), q50: ln(1.01), q90: ln(1.03), realisedPrice: 90 },
  { price: 100, q10: ln(0.98), q50: ln(0.99), q90: ln(1.02), realisedPrice: 100 },
];

test('MAE and MAPE in price, MAE in log return, hit rate with ½ for no move, and coverage', () => {
  const a = accuracyOf(forecasts);
  expect(a.n).toBe(3);
  expect(a.mae).toBeCloseTo((2 + 11 + 1) / 3, 10);
  expect(a.mape).toBeCloseTo((2 / 104 + 11 / 90 + 1 / 100) / 3, 12);
  expect(a.maeReturn).toBeCloseTo((Math.abs(ln(1.04) - ln(1.02)) + Math.abs(ln(0.9) - ln(1.01)) + Math.abs(0 - ln(0.99))) / 3, 12);
  expect(a.hitRate).toBeCloseTo((1 + 0 + 0.5) / 3, 12);
  expect(a.coverage).toBeCloseTo(2 / 3, 12);
});

test('nothing to score gives no figures rather than zeros', () => {
  expect(accuracyOf([])).toEqual(EMPTY_ACCURACY);
});

test('the rolling accuracy of each forecast covers the window up to it', () => {
  const rolling = rollingAccuracy(forecasts, 2);
  expect(rolling.map((r) => r.n)).toEqual([1, 2, 2]);
  expect(rolling[2]).toMatchObject({ ...accuracyOf(forecasts.slice(1)), last: forecasts[2] });
});
