import { expect, test } from 'bun:test';
import type { Candle } from '../../market/candles/candle.ts';
import { DayWindow } from './day-stats.ts';

const day = (i: number, open: number, close: number, volume = 10): Candle => ({
  tf: '1d', openTime: i * 86_400_000, open, high: Math.max(open, close) + 1, low: Math.min(open, close) - 1, close, volume, prints: 4,
});

test('daily data: the forming day against the previous close', () => {
  const w = new DayWindow(1);
  expect(w.stats(day(0, 100, 104))).toEqual({ open: 100, last: 104, changePct: 4, high: 105, low: 99, volume: 10 }); // no history: its own open
  w.add(day(0, 100, 104));
  expect(w.stats(day(1, 105, 102.96))!.changePct).toBeCloseTo(-1, 12); // 104 → 102.96, not 105 → 102.96
  expect(w.stats(null)).toMatchObject({ open: 100, last: 104 }); // between days: the last whole one
});

test('hourly candles: 24 of them, the forming one included, against the close 24h ago', () => {
  const w = new DayWindow(24);
  const hour = (i: number, close: number): Candle => ({ tf: '1h', openTime: i * 3_600_000, open: close, high: close, low: close, close, volume: 1, prints: 1 });
  for (let i = 0; i < 30; i++) w.add(hour(i, 100 + i));
  const s = w.stats(hour(30, 200))!;
  expect(s.open).toBe(100 + 6); // hours 7..29 and the forming 30 are the window; hour 6 closed 24h ago
  expect(s.volume).toBe(24);
  expect(s.high).toBe(200);
  expect(s.low).toBe(107);
  expect(w.getState()).toHaveLength(25);
});
