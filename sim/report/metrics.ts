import { accountReport, periodReturns, type ClosedTrade, type EquityPoint } from '../../market/analytics/index.ts';
import type { Curve, Metrics, RoundTrip } from './types.ts';

const YEAR_MS = 365.25 * 86_400_000;

export interface MetricOptions {
  readonly periodsPerYear: number;
  readonly riskFreeRate: number;
}

/**
 * Every figure of a report from its equity curve and round trips: market/analytics' (Sharpe,
 * Sortino, drawdown, win rate, profit factor, exposure) and the ones it leaves to the caller,
 * who knows the calendar: CAGR over the curve's span, and volatility, the sample standard
 * deviation of the period returns annualised by √periodsPerYear. A figure with no value is null.
 */
export function metricsOf(curve: Curve, trips: readonly RoundTrip[], fees: number, options: MetricOptions): Metrics {
  const equity: EquityPoint[] = curve.map(([time, value]) => ({ time, equity: value }));
  const closed: ClosedTrade[] = trips.filter((t) => !t.open).map((t) => ({ symbol: t.symbol, entryTime: t.entryTime, exitTime: t.exitTime!, pnl: t.pnl, fees: t.fees }));
  const openSince = trips.filter((t) => t.open).reduce<number | null>((a, t) => (a === null ? t.entryTime : Math.min(a, t.entryTime)), null);
  const r = accountReport({ equity, trades: closed, periodsPerYear: options.periodsPerYear, riskFreeRate: options.riskFreeRate, openPositionSince: openSince });
  const first = curve[0]!;
  const last = curve.at(-1)!;
  return {
    startValue: first[1],
    finalValue: last[1],
    totalReturn: r.totalReturn,
    cagr: cagr(first, last),
    volatility: volatility(periodReturns(equity), options.periodsPerYear),
    sharpe: r.sharpe,
    sortino: r.sortino,
    maxDrawdown: r.maxDrawdown,
    trades: r.trades,
    winRate: r.winRate,
    profitFactor: r.profitFactor,
    exposure: r.exposure,
    fees,
  };
}

function cagr([t0, v0]: readonly [number, number], [t1, v1]: readonly [number, number]): number | null {
  if (!(v0 > 0) || !(v1 > 0) || !(t1 > t0)) return null;
  const g = (v1 / v0) ** (YEAR_MS / (t1 - t0)) - 1;
  return Number.isFinite(g) ? g : null;
}

function volatility(returns: readonly number[] | null, periodsPerYear: number): number | null {
  if (!returns || returns.length < 2) return null;
  const m = returns.reduce((a, b) => a + b, 0) / returns.length;
  const variance = returns.reduce((a, x) => a + (x - m) ** 2, 0) / (returns.length - 1);
  const v = Math.sqrt(variance * periodsPerYear);
  return Number.isFinite(v) ? v : null;
}
