import { expect, test } from 'bun:test';
import type { ForecastRecord } from '../../storage/sqlite/index.ts';
import { SymbolOutcomes } from './outcomes.ts';

const HOUR = 3_600_000;
const made = (openTime: number, model = 'm@1'): ForecastRecord => ({
  symbol: 'BTCUSDT',
  tf: '1h',
  model,
  openTime,
  madeAt: openTime + HOUR,
  horizon: 2,
  targetTime: openTime + 3 * HOUR,
  price: 100,
  q10: -0.05,
  q50: 0.01,
  q90: 0.05,
  confidence: 0.5,
  synthetic: false,
});

test('a forecast is settled by the close at its target time, not before', () => {
  const book = new SymbolOutcomes(10);
  book.wait(made(0));
  expect(book.close(2 * HOUR, 101)).toEqual([]);
  const [s] = book.close(3 * HOUR, 102);
  expect(s).toEqual({ forecast: made(0), realisedTime: 3 * HOUR, realisedPrice: 102, synthetic: false });
  expect(book.pending).toBe(0);
});

test('a target inside a halt takes the last price before it, flagged synthetic and left out of the accuracy', () => {
  const book = new SymbolOutcomes(10);
  book.wait(made(0));
  book.wait(made(HOUR));
  book.close(2 * HOUR, 101);
  const settled = book.close(6 * HOUR, 120); // the candles closing at 3h, 4h and 5h never traded
  expect(settled.map((s) => [s.realisedPrice, s.synthetic])).toEqual([
    [101, true],
    [101, true],
  ]);
  expect(book.score(settled[0]!).n).toBe(0);
});

test('forecasts wait in target order whatever order they come in, and each model keeps its own window', () => {
  const book = new SymbolOutcomes(2);
  const long = { ...made(0, 'long@1'), targetTime: 10 * HOUR };
  book.wait(long);
  book.wait(made(0));
  expect(book.close(3 * HOUR, 100).map((s) => s.forecast.model)).toEqual(['m@1']);
  book.remember('long@1', [made(-5 * HOUR, 'long@1'), made(-4 * HOUR, 'long@1'), made(-3 * HOUR, 'long@1')].map((f) => ({ ...f, realisedPrice: 100 })));
  const [s] = book.close(10 * HOUR, 110);
  expect(s!.forecast).toBe(long);
  expect(book.score(s!).n).toBe(2); // the window: the last remembered one and this one
});
