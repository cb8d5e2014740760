import { expect, test } from 'bun:test';
import type { Bar } from '../../market/candles/candle.ts';
import { ReplayCursor, type ReplayPrint } from './cursor.ts';
import { barPath } from './prints.ts';

const bar = (openTime: number, open: number, high: number, low: number, close: number, volume = 1): Bar => ({ openTime, open, high, low, close, volume });
const M = 60_000;

const drain = (c: ReplayCursor, steps = Infinity) => {
  const out: ReplayPrint[] = [];
  for (let i = 0; i < steps && c.step(out) !== null; i++);
  return out;
};

test('a bar goes O→H→L→C, or O→L→H→C when the open is nearer the low', () => {
  expect(barPath(bar(0, 10, 15, 9, 12))).toEqual([10, 9, 15, 12]);
  expect(barPath(bar(0, 14, 15, 9, 12))).toEqual([14, 15, 9, 12]);
});

test('prints come in timestamp order across symbols, stamped inside their bar', () => {
  const c = new ReplayCursor(['A', 'B'], [[bar(0, 10, 11, 9, 10.5, 7), bar(M, 1, 1, 1, 1)], [bar(M, 20, 22, 19, 21, 3)]], false);
  const out = drain(c);
  expect(out.map((p) => [p.symbol, p.time, p.price, p.qty])).toEqual([
    [0, 0, 10, 0], [0, 20_000, 11, 0], [0, 40_000, 9, 0], [0, 59_999, 10.5, 7],
    [0, M, 1, 0], [1, M, 20, 0], [0, M + 20_000, 1, 0], [1, M + 20_000, 19, 0], // B opens nearer its low
    [0, M + 40_000, 1, 0], [1, M + 40_000, 22, 0], [0, M + 59_999, 1, 1], [1, M + 59_999, 21, 3],
  ]);
  expect(c.step([])).toBeNull();
});

test('a looped replay starts again later in time, never going back', () => {
  const c = new ReplayCursor(['A'], [[bar(0, 1, 1, 1, 1), bar(M, 2, 2, 2, 2)]], true);
  const times = drain(c, 12).map((p) => p.time);
  expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
  expect(times.slice(8, 9)).toEqual([2 * M]);
  expect(c.loops).toBe(1);
});

test('a cursor restored from its state continues with the same prints', () => {
  const bars = [[bar(0, 1, 2, 0.5, 1.5), bar(M, 2, 3, 1, 2)], [bar(0, 5, 6, 4, 5)]];
  const whole = drain(new ReplayCursor(['A', 'B'], bars, false));
  const c = new ReplayCursor(['A', 'B'], bars, false);
  const first = drain(c, 3);
  const resumed = new ReplayCursor(['A', 'B'], bars, false, JSON.parse(JSON.stringify(c.getState())));
  expect([...first, ...drain(resumed)]).toEqual(whole);
});
