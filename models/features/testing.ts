/**
 * Test only: the candles and comparisons the feature tests share.
 */
import { bundledBars, crypto1m } from '../../data/read.ts';
import type { Bar, Candle } from '../../market/candles/candle.ts';
import { aggregateCandles } from './aggregate.ts';

/** BTCUSDT April 2021 as 1h candles: 691 of them (29 days less 5 hours of exchange halts). */
export const btcHourly = (): Candle[] => aggregateCandles(bundledBars(crypto1m('BTCUSDT')), '1h');

/** The first index where two arrays differ bit for bit (NaN equals NaN), or -1. */
export function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Every row a fresh builder-like `update` writes for `candles`, concatenated. */
export function streamRows(candles: readonly Bar[], width: number, update: (bar: Bar, out: Float64Array, offset: number) => unknown): Float64Array {
  const rows = new Float64Array(candles.length * width);
  candles.forEach((bar, t) => update(bar, rows, t * width));
  return rows;
}
