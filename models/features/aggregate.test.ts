import { expect, test } from 'bun:test';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { aggregateCandles } from './aggregate.ts';

const bars = bundledBars(crypto1m('BTCUSDT'));

test('1m bars into 1h candles: OHLCV of each hour, the halted hours absent', () => {
  const hourly = aggregateCandles(bars, '1h');
  expect(hourly).toHaveLength(29 * 24 - 5);
  const first = bars.slice(0, 60);
  expect(hourly[0]).toEqual({
    tf: '1h', openTime: Date.UTC(2021, 3, 2), open: first[0]!.open, close: first[59]!.close, prints: 60,
    high: Math.max(...first.map((b) => b.high)), low: Math.min(...first.map((b) => b.low)),
    volume: first.reduce((sum, b) => sum + b.volume, 0),
  });
  const opens = new Set(hourly.map((c) => c.openTime));
  for (const halted of [Date.UTC(2021, 3, 20, 2), Date.UTC(2021, 3, 20, 3), Date.UTC(2021, 3, 25, 5), Date.UTC(2021, 3, 25, 7)]) {
    expect(opens.has(halted)).toBe(false);
  }
  expect(hourly.at(-1)!.openTime).toBe(Date.UTC(2021, 3, 30, 23)); // the data reaches 23:59, so the last hour closed
});

test('a bucket the data does not reach to its end is still forming, and left out', () => {
  expect(aggregateCandles(bars.slice(0, -10), '1h')).toHaveLength(29 * 24 - 6);
  expect(aggregateCandles(bars, '1d')).toHaveLength(29);
  expect(aggregateCandles([], '1h')).toEqual([]);
  expect(() => aggregateCandles(bars, '1m', '1h')).toThrow('Invalid aggregation');
});
