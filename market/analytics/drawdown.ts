import type { EquityPoint } from './types.ts';

export interface DrawdownPoint {
  readonly time: number;
  /** Fall from the running peak as a fraction of it: 0.25 is 25% below the high so far. */
  readonly drawdown: number;
}

export interface MaxDrawdown {
  /** The deepest fall from a peak, as a fraction of that peak (positive). */
  readonly value: number;
  /** The same fall in money. */
  readonly amount: number;
  readonly peakTime: number;
  readonly troughTime: number;
  /** When equity first got back to the peak; null if it has not. */
  readonly recoveryTime: number | null;
}

/** The drawdown at every point. Null when the series starts at or below zero (no peak to fall from). */
export function drawdownSeries(series: readonly EquityPoint[]): DrawdownPoint[] | null {
  if (series.length > 0 && !(series[0]!.equity > 0)) return null;
  let peak = 0;
  return series.map(({ time, equity }) => {
    peak = Math.max(peak, equity);
    return { time, drawdown: (peak - equity) / peak };
  });
}

/**
 * The deepest drawdown, its dates and its recovery; the first one if two are equally deep. A
 * series that never falls has value 0 with peak, trough and recovery all at its first point.
 * Null when empty or starting at or below zero.
 */
export function maxDrawdown(series: readonly EquityPoint[]): MaxDrawdown | null {
  const first = series[0];
  if (!first || !(first.equity > 0)) return null;
  let peak = first;
  let worst = { value: 0, amount: 0, peakTime: first.time, troughTime: first.time, peakEquity: first.equity };
  for (const p of series) {
    if (p.equity > peak.equity) peak = p;
    const value = (peak.equity - p.equity) / peak.equity;
    if (value > worst.value) worst = { value, amount: peak.equity - p.equity, peakTime: peak.time, troughTime: p.time, peakEquity: peak.equity };
  }
  if (worst.value === 0) return { value: 0, amount: 0, peakTime: first.time, troughTime: first.time, recoveryTime: first.time };
  const recovered = series.find((p) => p.time > worst.troughTime && p.equity >= worst.peakEquity);
  const { peakEquity: _peak, ...found } = worst;
  return { ...found, recoveryTime: recovered?.time ?? null };
}
