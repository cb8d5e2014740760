import { mean, stdev } from './series.ts';

/** The confidence levels of the tail figures, and the standard normal quantile z_c of each. */
export const CONFIDENCE_LEVELS = [0.95, 0.99] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];
const Z: Record<Confidence, number> = { 0.95: 1.6448536269514722, 0.99: 2.3263478740408408 };

const normalPdf = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/**
 * The p-quantile of a sample by linear interpolation between order statistics (Hyndman & Fan
 * type 7: numpy's and pandas' default): h = (n − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 */
export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) throw new RangeError('quantile of an empty sample');
  const sorted = [...xs].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Value at risk and expected shortfall (CVaR) of one period's return at confidence c, as losses
 * (positive: a fall; 0.03 is 3% of the position's value), computed two ways:
 *
 * - historical: VaR = −q, q the (1 − c)-quantile of the returns; CVaR = −mean of the returns at
 *   or below q (never empty: the smallest return is);
 * - parametric (normal): with mean μ and sample standard deviation σ, VaR = z_c·σ − μ and
 *   CVaR = σ·φ(z_c)/(1 − c) − μ.
 */
export interface TailRisk {
  readonly historical: number;
  readonly parametric: number;
}

export function valueAtRisk(returns: readonly number[], c: Confidence): { var: TailRisk; cvar: TailRisk } {
  const q = quantile(returns, 1 - c);
  const tail = returns.filter((r) => r <= q);
  const mu = mean(returns);
  const sigma = stdev(returns);
  return {
    var: { historical: -q, parametric: Z[c] * sigma - mu },
    cvar: { historical: -mean(tail), parametric: (sigma * normalPdf(Z[c])) / (1 - c) - mu },
  };
}
