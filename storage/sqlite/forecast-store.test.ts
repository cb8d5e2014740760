import { expect, test } from 'bun:test';
import { ForecastStore } from './forecast-store.ts';
import { open } from './open.ts';

const HOUR = 3_600_000;
const forecast = (openTime: number, model = 'crypto-1h-h4@1') => ({
  symbol: 'BTCUSDT',
  tf: '1h' as const,
  model,
  openTime,
  madeAt: openTime + HOUR,
  horizon: 4,
  targetTime: openTime + 5 * HOUR,
  price: 100 + openTime / HOUR,
  q10: -0.03,
  q50: 0.001,
  q90: 0.03,
  confidence: 0.3,
  synthetic: false,
});

test('a forecast is stored once, its outcome recorded once, and what still waits is found again', () => {
  const store = new ForecastStore(open(':memory:'));
  expect(store.resumePoint('BTCUSDT', '1h')).toBeNull();
  expect(store.transaction(() => [0, 1, 2].map((h) => store.insert(forecast(h * HOUR))))).toEqual([true, true, true]);
  expect(store.insert({ ...forecast(0), q50: 0.5 })).toBe(false); // a second scoring changes nothing
  expect(store.resolve(forecast(0), 5 * HOUR, 101)).toBe(true);
  expect(store.resolve(forecast(0), 5 * HOUR, 999)).toBe(false);

  expect(store.pending('BTCUSDT', '1h').map((f) => f.openTime)).toEqual([HOUR, 2 * HOUR]);
  expect(store.resumePoint('BTCUSDT', '1h')).toBe(HOUR); // the oldest still waiting
  expect(store.recent('BTCUSDT', '1h', { limit: 10, resolvedOnly: true })).toEqual([{ ...forecast(0), realisedTime: 5 * HOUR, realisedPrice: 101 }]);
  store.resolve(forecast(HOUR), 6 * HOUR, 99, true);
  store.resolve(forecast(2 * HOUR), 7 * HOUR, 98);
  expect(store.resumePoint('BTCUSDT', '1h')).toBe(2 * HOUR); // nothing waits: the newest
  expect(store.recent('BTCUSDT', '1h', { limit: 2 }).map((f) => [f.openTime, f.synthetic])).toEqual([
    [2 * HOUR, false],
    [HOUR, true],
  ]);
  expect(store.recent('BTCUSDT', '1h', { limit: 5, before: 2 * HOUR }).map((f) => f.openTime)).toEqual([HOUR, 0]);
});

test("each symbol's newest forecast on a timeframe, one per symbol", () => {
  const store = new ForecastStore(open(':memory:'));
  for (const f of [forecast(0), forecast(HOUR), { ...forecast(HOUR), model: 'b@1' }, { ...forecast(0), symbol: 'ETHUSDT' }, { ...forecast(2 * HOUR), tf: '1d' as const }]) store.insert(f);
  expect(store.latestPerSymbol('1h').map((f) => [f.symbol, f.openTime, f.model])).toEqual([
    ['BTCUSDT', HOUR, 'b@1'],
    ['ETHUSDT', 0, 'crypto-1h-h4@1'],
  ]);
});

test('models are listed newest forecast first', () => {
  const store = new ForecastStore(open(':memory:'));
  store.insert(forecast(0, 'old@1'));
  store.insert(forecast(HOUR, 'new@2'));
  expect(store.models('BTCUSDT', '1h')).toEqual(['new@2', 'old@1']);
  expect(store.models('ETHUSDT', '1h')).toEqual([]);
});
