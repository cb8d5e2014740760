import { periodReturns } from '../analytics/index.ts';

/** A close at its candle's open time (epoch ms): what every figure here is computed from. */
export interface ClosePoint {
  readonly time: number;
  readonly close: number;
}

/** Simple returns close[t] / close[t−1] − 1 of consecutive points; null when a close is not positive. */
export const closeReturns = (points: readonly ClosePoint[]): number[] | null => periodReturns(points.map((p) => ({ time: p.time, equity: p.close })));

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Sample covariance (n − 1) of two series of the same length. */
export function covariance(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - ma) * (b[i]! - mb);
  return s / (a.length - 1);
}

/** Sample standard deviation (n − 1). */
export const stdev = (xs: readonly number[]): number => Math.sqrt(covariance(xs, xs));

/** The sample covariance matrix of several return series of one length (series[i][t]). */
export function covarianceMatrix(series: readonly (readonly number[])[]): number[][] {
  const m = series.map((s) => mean(s));
  const n = series[0]?.length ?? 0;
  return series.map((a, i) =>
    series.map((b, j) => {
      let s = 0;
      for (let t = 0; t < n; t++) s += (a[t]! - m[i]!) * (b[t]! - m[j]!);
      return s / (n - 1);
    }),
  );
}

/**
 * The points of several series at the times they all have, oldest first: two assets are
 * compared on the same candles, so a stock's holiday or a pair's missing hour drops that time
 * for every series rather than pairing one asset's Friday with another's Monday.
 */
export function alignByTime(series: readonly (readonly ClosePoint[])[]): { times: number[]; closes: number[][] } {
  if (series.length === 0) return { times: [], closes: [] };
  const maps = series.map((s) => new Map(s.map((p) => [p.time, p.close])));
  const times = [...maps[0]!.keys()].filter((t) => maps.every((m) => m.has(t))).sort((a, b) => a - b);
  return { times, closes: maps.map((m) => times.map((t) => m.get(t)!)) };
}
