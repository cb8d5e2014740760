import { dot, quadForm, SingularMatrixError, type Matrix, type Vector } from './linalg.ts';
import { solveQp, type QpSolution } from './qp.ts';
import { covarianceMatrix, mean } from './series.ts';

/** The weight one asset may take, as a fraction of the portfolio: long-only, so 0 ≤ min ≤ max ≤ 1. */
export interface WeightBounds {
  readonly min: number;
  readonly max: number;
}

export interface OptimizeInput {
  /** Per asset, its returns on the same periods (aligned: returns[i][t] and returns[j][t] are one period). */
  readonly returns: readonly (readonly number[])[];
  readonly periodsPerYear: number;
  /** Annual risk-free rate, for the Sharpe ratios. Default 0. */
  readonly riskFreeRate?: number;
  /** Per asset; default 0 to 1 each. */
  readonly bounds?: readonly WeightBounds[];
  /** Points on the efficient frontier, the minimum-variance portfolio first (≥ 2). Default 20. */
  readonly frontierPoints?: number;
}

/** A portfolio: weights (summing to 1) and its annualised expected return, volatility and Sharpe. */
export interface PortfolioPoint {
  readonly weights: number[];
  readonly expectedReturn: number;
  readonly volatility: number;
  /** (expectedReturn − riskFreeRate) / volatility; null for a riskless portfolio. */
  readonly sharpe: number | null;
}

export interface OptimizeResult {
  /** Per asset: annualised mean return and volatility (arithmetic: mean × P, σ × √P). */
  readonly assets: { readonly expectedReturn: number; readonly volatility: number }[];
  /** The annualised sample covariance the portfolios were chosen on. */
  readonly covariance: number[][];
  readonly minVariance: PortfolioPoint;
  /** Null when no portfolio within the bounds expects more than the risk-free rate (see `note`). */
  readonly maxSharpe: PortfolioPoint | null;
  /** Efficient portfolios, from the minimum-variance one to the highest expected return, evenly spaced in return. */
  readonly frontier: PortfolioPoint[];
  readonly note: string | null;
}

/** Constraints no portfolio can meet, or history that cannot tell the assets apart: what the caller got wrong. */
export class InfeasiblePortfolioError extends Error {
  override readonly name = 'InfeasiblePortfolioError';
}

/**
 * Mean-variance portfolios over the given returns, long-only within per-asset bounds, each the
 * exact solution of a quadratic programme (qp.ts):
 *
 * - minimum variance: min wᵀΣw, 1ᵀw = 1, lo ≤ w ≤ hi;
 * - the frontier: the same with μᵀw = target, for targets from the minimum-variance portfolio's
 *   return to the highest the bounds allow (filling the best assets first);
 * - maximum Sharpe: max (μᵀw − rf)/√(wᵀΣw) is not convex in w, but with y = κw, κ = 1/(μ−rf)ᵀw it
 *   becomes min yᵀΣy subject to (μ − rf)ᵀy = 1, 1ᵀy = κ, κ·lo ≤ y ≤ κ·hi, κ ≥ 0 (Cornuéjols &
 *   Tütüncü, Optimization Methods in Finance, §8.2), which is; w = y/κ.
 *
 * μ and Σ are the sample mean and covariance (n − 1), annualised arithmetically (× P).
 */
export function optimizePortfolio(input: OptimizeInput): OptimizeResult {
  const n = input.returns.length;
  if (n < 2) throw new InfeasiblePortfolioError(`a portfolio needs at least 2 assets, got ${n}`);
  const periods = input.returns[0]!.length;
  if (input.returns.some((r) => r.length !== periods)) throw new RangeError('every asset needs returns on the same periods');
  if (periods < 2) throw new InfeasiblePortfolioError(`${periods} returns: at least 2 are needed`);
  const P = input.periodsPerYear;
  const rf = input.riskFreeRate ?? 0;
  const bounds = input.bounds ?? input.returns.map(() => ({ min: 0, max: 1 }));
  checkBounds(bounds);
  const mu = input.returns.map((r) => mean(r) * P);
  const sigma = covarianceMatrix(input.returns).map((row) => row.map((v) => v * P));
  const point = (w: Vector): PortfolioPoint => pointOf(snap(w, bounds), mu, sigma, rf);

  const first = solveOrExplain(() => minimumVariance(sigma, bounds, null, spread(bounds)));
  const minVar = first.x;
  const wMax = highestReturn(mu, bounds);
  const m0 = dot(mu, minVar);
  const m1 = dot(mu, wMax);
  const count = Math.max(2, input.frontierPoints ?? 20);
  const frontier: PortfolioPoint[] = [point(minVar)];
  // Past the minimum-variance return (up to rounding) the frontier has somewhere to go.
  if (m1 - m0 > 1e-12 * Math.max(1, Math.abs(m1))) {
    let previous = first;
    for (let k = 1; k < count; k++) {
      const target = k === count - 1 ? m1 : m0 + ((m1 - m0) * k) / (count - 1);
      // A mix of the previous point and the highest-return portfolio is feasible and has the
      // target return; it keeps most of the previous point's active bounds, so the programme
      // starts from them (warm) instead of finding them one by one again.
      const before = dot(mu, previous.x);
      const a = (target - before) / (m1 - before);
      const start = previous.x.map((w, i) => (1 - a) * w + a * wMax[i]!);
      previous = solveOrExplain(() => minimumVariance(sigma, bounds, { mu, target }, start, previous.working));
      frontier.push(point(previous.x));
    }
  }
  const excess = dot(mu, wMax) - rf;
  const maxSharpe = excess > 0 ? point(solveOrExplain(() => tangency(sigma, mu, rf, bounds, wMax, excess))) : null;
  const note = maxSharpe ? null : `no portfolio within the bounds expects more than the risk-free rate (${rf}): the best expects ${m1}`;
  return { assets: mu.map((m, i) => ({ expectedReturn: m, volatility: Math.sqrt(sigma[i]![i]!) })), covariance: sigma, minVariance: frontier[0]!, maxSharpe, frontier, note };
}

function checkBounds(bounds: readonly WeightBounds[]): void {
  bounds.forEach((b, i) => {
    if (!(b.min >= 0 && b.max <= 1 && b.min <= b.max)) throw new InfeasiblePortfolioError(`asset ${i}: bounds must satisfy 0 ≤ min ≤ max ≤ 1, got min ${b.min}, max ${b.max}`);
  });
  const lo = bounds.reduce((a, b) => a + b.min, 0);
  const hi = bounds.reduce((a, b) => a + b.max, 0);
  if (lo > 1 + 1e-12) throw new InfeasiblePortfolioError(`the minimum weights add up to ${round(lo)}, more than 1: no portfolio fits`);
  if (hi < 1 - 1e-12) throw new InfeasiblePortfolioError(`the maximum weights add up to ${round(hi)}, less than 1: no portfolio is fully invested`);
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/** The minimum weights, and what is left spread in proportion to each asset's room: inside the bounds, summing to 1. */
function spread(bounds: readonly WeightBounds[]): Vector {
  const left = 1 - bounds.reduce((a, b) => a + b.min, 0);
  const room = bounds.reduce((a, b) => a + (b.max - b.min), 0);
  return bounds.map((b) => b.min + (room > 0 ? (left * (b.max - b.min)) / room : 0));
}

/** The highest expected return the bounds allow: every minimum, then the rest to the best assets first (ties: the first listed). */
function highestReturn(mu: readonly number[], bounds: readonly WeightBounds[]): Vector {
  const w = bounds.map((b) => b.min);
  let left = 1 - w.reduce((a, b) => a + b, 0);
  const order = mu.map((_, i) => i).sort((a, b) => mu[b]! - mu[a]! || a - b);
  for (const i of order) {
    const add = Math.min(left, bounds[i]!.max - w[i]!);
    w[i]! += add;
    left -= add;
  }
  return w;
}

/** Inequalities w_i ≥ lo_i and −w_i ≥ −hi_i, over `width` variables (the weights first). A cap of 1 is implied by the others and left out. */
function boundRows(bounds: readonly WeightBounds[], width: number, scaleCol?: number): { G: Matrix; g: Vector } {
  const G: Matrix = [];
  const g: Vector = [];
  const unit = (i: number, v: number) => Array.from({ length: width }, (_, k) => (k === i ? v : 0));
  bounds.forEach((b, i) => {
    // With scaleCol (the tangency's κ): y_i − lo_i κ ≥ 0 and hi_i κ − y_i ≥ 0.
    const lower = unit(i, 1);
    if (scaleCol !== undefined) lower[scaleCol] = -b.min;
    G.push(lower);
    g.push(scaleCol === undefined ? b.min : 0);
    if (b.max >= 1) return;
    const upper = unit(i, -1);
    if (scaleCol !== undefined) upper[scaleCol] = b.max;
    G.push(upper);
    g.push(scaleCol === undefined ? -b.max : 0);
  });
  return { G, g };
}

function minimumVariance(sigma: Matrix, bounds: readonly WeightBounds[], target: { mu: Vector; target: number } | null, start: Vector, working?: readonly number[]): QpSolution {
  const n = sigma.length;
  const { G, g } = boundRows(bounds, n);
  const E = [new Array<number>(n).fill(1), ...(target ? [target.mu] : [])];
  const e = [1, ...(target ? [target.target] : [])];
  return solveQp({ Q: sigma, c: new Array<number>(n).fill(0), E, e, G, g }, start, working ? { working } : {});
}

function tangency(sigma: Matrix, mu: Vector, rf: number, bounds: readonly WeightBounds[], start: Vector, excess: number): Vector {
  const n = sigma.length;
  const Q = [...sigma.map((row) => [...row, 0]), new Array<number>(n + 1).fill(0)];
  const E = [[...mu.map((m) => m - rf), 0], [...new Array<number>(n).fill(1), -1]];
  const { G, g } = boundRows(bounds, n + 1, n);
  G.push([...new Array<number>(n).fill(0), 1]);
  g.push(0);
  const kappa = 1 / excess;
  const solution: QpSolution = solveQp({ Q, c: new Array<number>(n + 1).fill(0), E, e: [1, 0], G, g }, [...start.map((w) => w * kappa), kappa]);
  const k = solution.x[n]!;
  return solution.x.slice(0, n).map((y) => y / k);
}

/** A covariance that cannot tell assets apart (one is a mix of others) leaves the programme without a unique answer. */
function solveOrExplain<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof SingularMatrixError) throw new InfeasiblePortfolioError('the covariance of the returns is singular: an asset moves exactly as a mix of the others (or not at all) over the window');
    throw e;
  }
}

/** Weights within 1e-12 of a bound are put on it: rounding, not a position. */
const snap = (w: Vector, bounds: readonly WeightBounds[]): Vector =>
  w.map((x, i) => (Math.abs(x - bounds[i]!.min) < 1e-12 ? bounds[i]!.min : Math.abs(x - bounds[i]!.max) < 1e-12 ? bounds[i]!.max : x));

function pointOf(w: Vector, mu: Vector, sigma: Matrix, rf: number): PortfolioPoint {
  const expectedReturn = dot(mu, w);
  const volatility = Math.sqrt(Math.max(0, quadForm(sigma, w)));
  return { weights: w, expectedReturn, volatility, sharpe: volatility > 0 ? (expectedReturn - rf) / volatility : null };
}
