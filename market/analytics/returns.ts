import { finiteOrNull, type EquityPoint } from './types.ts';

/** last / first − 1. Null for an empty series or one that starts at or below zero (no base to grow from). */
export function totalReturn(series: readonly EquityPoint[]): number | null {
  const first = series[0];
  const last = series.at(-1);
  if (!first || !last || !(first.equity > 0)) return null;
  return finiteOrNull(last.equity / first.equity - 1);
}

/**
 * Simple returns from one point to the next (one per period: the caller samples the series at
 * the period its annualisation factor counts, e.g. daily marks and 252). Null when some period
 * starts at or below zero, where a return means nothing.
 */
export function periodReturns(series: readonly EquityPoint[]): number[] | null {
  const out: number[] = [];
  for (let i = 1; i < series.length; i++) {
    const before = series[i - 1]!.equity;
    if (!(before > 0)) return null;
    out.push(series[i]!.equity / before - 1);
  }
  return out;
}
