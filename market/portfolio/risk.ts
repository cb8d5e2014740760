import { maxDrawdown, sharpe, sortino, type MaxDrawdown } from '../analytics/index.ts';
import { alignByTime, closeReturns, covariance, mean, stdev, type ClosePoint } from './series.ts';
import { valueAtRisk, type TailRisk } from './tail.ts';

export interface RiskOptions {
  /** Periods per year of the candles: 252 for trading days, 365 × 24 for crypto hours (analytics/ratios.ts). */
  readonly periodsPerYear: number;
  /** Annual risk-free rate, for Sharpe and Sortino. Default 0. */
  readonly riskFreeRate?: number;
}

export interface Beta {
  /** cov(r, r_b) / var(r_b) over the returns both have; null when the benchmark did not move. */
  readonly value: number | null;
  readonly correlation: number | null;
  /** Returns of the candles both series have (aligned by open time). */
  readonly returns: number;
}

export interface RiskMetrics {
  /** Returns in the window (one fewer than its candles). */
  readonly returns: number;
  readonly meanReturn: { readonly period: number; readonly annualized: number };
  /** Sample standard deviation of the returns, and × √periodsPerYear. */
  readonly volatility: { readonly period: number; readonly annualized: number };
  /** One period's value at risk and expected shortfall, as losses (tail.ts). */
  readonly var: { readonly p95: TailRisk; readonly p99: TailRisk };
  readonly cvar: { readonly p95: TailRisk; readonly p99: TailRisk };
  readonly sharpe: number | null;
  readonly sortino: number | null;
  /** The deepest fall of the close from its running high within the window. */
  readonly maxDrawdown: MaxDrawdown | null;
}

export class NotEnoughHistoryError extends Error {
  override readonly name = 'NotEnoughHistoryError';
}

/**
 * The risk of holding one instrument over a window of its candles (oldest first), from the
 * simple returns of consecutive closes. Ratios and the drawdown are market/analytics' own, so an
 * instrument and an account are measured alike. Throws NotEnoughHistoryError under 2 returns or
 * on a close that is not positive (no return is defined).
 */
export function riskMetrics(window: readonly ClosePoint[], options: RiskOptions): RiskMetrics {
  const returns = closeReturns(window);
  if (!returns) throw new NotEnoughHistoryError('a close is zero or negative: returns are not defined');
  if (returns.length < 2) throw new NotEnoughHistoryError(`${returns.length} returns: at least 2 are needed`);
  const ratio = { periodsPerYear: options.periodsPerYear, riskFreeRate: options.riskFreeRate ?? 0 };
  const m = mean(returns);
  const sd = stdev(returns);
  const t95 = valueAtRisk(returns, 0.95);
  const t99 = valueAtRisk(returns, 0.99);
  return {
    returns: returns.length,
    meanReturn: { period: m, annualized: m * options.periodsPerYear },
    volatility: { period: sd, annualized: sd * Math.sqrt(options.periodsPerYear) },
    var: { p95: t95.var, p99: t99.var },
    cvar: { p95: t95.cvar, p99: t99.cvar },
    sharpe: sharpe(returns, ratio),
    sortino: sortino(returns, ratio),
    maxDrawdown: maxDrawdown(window.map((p) => ({ time: p.time, equity: p.close }))),
  };
}

/**
 * Beta and correlation of an instrument against a benchmark, on the returns of the candles both
 * have (aligned by open time, so a missing candle on either side drops that time for both).
 */
export function betaAgainst(window: readonly ClosePoint[], benchmark: readonly ClosePoint[]): Beta {
  const { closes } = alignByTime([window, benchmark]);
  const r = closeReturns(closes[0]!.map((close, i) => ({ time: i, close })));
  const b = closeReturns(closes[1]!.map((close, i) => ({ time: i, close })));
  if (!r || !b || r.length < 2) return { value: null, correlation: null, returns: Math.max(0, (r ?? []).length) };
  const varB = covariance(b, b);
  const cov = covariance(r, b);
  const sdR = stdev(r);
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return { value: varB > 0 ? finite(cov / varB) : null, correlation: varB > 0 && sdR > 0 ? finite(cov / (Math.sqrt(varB) * sdR)) : null, returns: r.length };
}
