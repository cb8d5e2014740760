import { finiteOrNull } from './types.ts';

export interface RatioOptions {
  /** Periods per year of the returns: 252 for trading days, 365 for crypto days, 525,600 for crypto minutes. */
  readonly periodsPerYear: number;
  /** Annual risk-free rate, spread evenly over the periods (rate / periodsPerYear each). Default 0. */
  readonly riskFreeRate?: number;
}

function excessReturns(returns: readonly number[], options: RatioOptions): number[] {
  if (!(options.periodsPerYear > 0)) throw new RangeError(`periodsPerYear must be positive, was ${options.periodsPerYear}`);
  const perPeriod = (options.riskFreeRate ?? 0) / options.periodsPerYear;
  return returns.map((r) => r - perPeriod);
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Annualised Sharpe ratio: mean excess return / its sample standard deviation (n − 1) ×
 * √periodsPerYear. Null with fewer than 2 returns, or when every return is the same (zero
 * variance: the ratio has no value; float noise would otherwise give one near 1e16).
 */
export function sharpe(returns: readonly number[], options: RatioOptions): number | null {
  const xs = excessReturns(returns, options);
  if (xs.length < 2 || xs.every((x) => x === xs[0])) return null;
  const m = mean(xs);
  const variance = xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
  return finiteOrNull((m / Math.sqrt(variance)) * Math.sqrt(options.periodsPerYear));
}

/**
 * Annualised Sortino ratio: mean excess return / downside deviation × √periodsPerYear, where
 * downside deviation is √(Σ min(0, excess)² / n) over all n returns (the usual definition, as
 * empyrical computes it). Null with fewer than 2 returns or when no return fell below the
 * risk-free rate (nothing to divide by).
 */
export function sortino(returns: readonly number[], options: RatioOptions): number | null {
  const xs = excessReturns(returns, options);
  if (xs.length < 2) return null;
  const downside = Math.sqrt(xs.reduce((a, x) => a + Math.min(0, x) ** 2, 0) / xs.length);
  if (downside === 0) return null;
  return finiteOrNull((mean(xs) / downside) * Math.sqrt(options.periodsPerYear));
}
