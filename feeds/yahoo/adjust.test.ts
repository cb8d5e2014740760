import { expect, test } from 'bun:test';
import type { Bar } from '../../market/candles/candle.ts';
import { adjustForSplits } from './adjust.ts';
import { parseChart } from './chart.ts';
import { fixtureJson } from '../http/scripted-server.ts';

const raw = fixtureJson('yahoo/chart_v8_AAPL_1d_2020-08-31_2020-11-07_split_div.json') as any;
const r = parseChart(raw);
if (!r.ok) throw new Error(r.error);
const { bars, splits } = r.chart;
const flat = (openTime: number, price: number, volume: number): Bar => ({ openTime, open: price, high: price, low: price, close: price, volume });

test('bars from the split day on are already on the new basis and are left alone', () => {
  expect(splits).toEqual([{ time: Date.UTC(2020, 7, 31), ratio: 4 }]);
  expect(adjustForSplits(bars, splits)).toEqual(bars);
});

test('a bar recorded before the 4:1 split is divided by 4, its volume multiplied by 4', () => {
  // AAPL closed at 499.23 on Friday 2020-08-28, the last session before the split. Yahoo's
  // split-adjusted close of that day is in the fixture's meta as chartPreviousClose.
  const friday = flat(Date.UTC(2020, 7, 28), 499.23, 1_000);
  const [adjusted, monday] = adjustForSplits([friday, bars[0]!], splits);
  expect(raw.chart.result[0].meta.chartPreviousClose).toBe(124.808);
  expect(adjusted!.close).toBeCloseTo(124.808, 2);
  expect(adjusted).toEqual({ openTime: friday.openTime, open: 124.8075, high: 124.8075, low: 124.8075, close: 124.8075, volume: 4_000 });
  expect(monday).toBe(bars[0]!);
  // The series no longer shows a false 75% fall across the weekend.
  expect(Math.abs(monday!.open / adjusted!.close - 1)).toBeLessThan(0.05);
});

test('later splits compound, earlier ones do not apply, and the input is not modified', () => {
  const twoSplits = [{ time: Date.UTC(2014, 5, 9), ratio: 7 }, ...splits];
  const input = [flat(Date.UTC(2014, 5, 6), 28, 10), flat(Date.UTC(2014, 5, 9), 4, 70), flat(Date.UTC(2020, 7, 28), 2, 100), bars.at(-1)!];
  const copy = structuredClone(input);
  const out = adjustForSplits(input, twoSplits);
  expect(out.map((b) => [b.close, b.volume])).toEqual([[1, 280], [1, 280], [0.5, 400], [bars.at(-1)!.close, bars.at(-1)!.volume]]);
  expect(input).toEqual(copy);
});

test('bars in any order are adjusted in place of where they were', () => {
  const out = adjustForSplits([bars[1]!, flat(Date.UTC(2020, 7, 27), 8, 1)], splits);
  expect(out[0]).toBe(bars[1]!);
  expect(out[1]!.close).toBe(2);
  expect(adjustForSplits([], splits)).toEqual([]);
});
