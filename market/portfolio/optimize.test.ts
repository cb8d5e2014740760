import { describe, expect, test } from 'bun:test';
import { bundledBars, bundledDaily } from '../../data/read.ts';
import { seededRandom } from '../../engine/random.ts';
import { InfeasiblePortfolioError, optimizePortfolio, type OptimizeResult } from './optimize.ts';

/**
 * The last 750 daily simple returns of bundled stocks on the days they all have, with their
 * annualised mean and sample covariance computed here, independently of the module.
 */
function realReturns(symbols: string[]) {
  const closes = symbols.map((s) => new Map(bundledBars(bundledDaily(s)!).map((b) => [b.openTime, b.close])));
  const days = [...closes[0]!.keys()].filter((t) => closes.every((m) => m.has(t))).sort((a, b) => a - b).slice(-751);
  const returns = closes.map((m) => days.slice(1).map((t, i) => m.get(t)! / m.get(days[i]!)! - 1));
  const T = returns[0]!.length;
  const mu = returns.map((r) => (r.reduce((a, b) => a + b, 0) / T) * 252);
  const sigma = returns.map((a, i) => returns.map((b, j) => (a.reduce((s, _, t) => s + (a[t]! - mu[i]! / 252) * (b[t]! - mu[j]! / 252), 0) / (T - 1)) * 252));
  return { returns, mu, sigma };
}

const mul = (m: number[][], w: number[]) => m.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0));
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
const sharpeOf = (w: number[], mu: number[], sigma: number[][], rf = 0) => (dot(mu, w) - rf) / Math.sqrt(dot(w, mul(sigma, w)));
const sum = (w: number[]) => w.reduce((a, b) => a + b, 0);

describe('optimizePortfolio against closed forms (bounds slack)', () => {
  const { returns, mu, sigma } = realReturns(['AAPL', 'MSFT', 'JNJ']);
  const r = optimizePortfolio({ returns, periodsPerYear: 252 });

  test('the inputs: annualised means and covariance', () => {
    r.assets.forEach((a, i) => {
      expect(a.expectedReturn).toBeCloseTo(mu[i]!, 12);
      expect(a.volatility).toBeCloseTo(Math.sqrt(sigma[i]![i]!), 12);
    });
    r.covariance.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(sigma[i]![j]!, 14)));
  });

  test('minimum variance is Σ⁻¹1 / 1ᵀΣ⁻¹1 when it is long-only: Σw equal for every asset, weights summing to 1', () => {
    const w = r.minVariance.weights;
    expect(w.every((x) => x > 0.05)).toBe(true); // interior: no bound binds
    expect(sum(w)).toBeCloseTo(1, 12);
    const sw = mul(sigma, w);
    for (const v of sw) expect(v).toBeCloseTo(sw[0]!, 12);
    expect(r.minVariance.volatility).toBeCloseTo(Math.sqrt(dot(w, sw)), 12);
  });

  test('maximum Sharpe is the tangency portfolio Σ⁻¹(μ − rf) / 1ᵀΣ⁻¹(μ − rf) when that is long-only, for rf = 0 and rf = 2%', () => {
    // Over this window MSFT and JNJ hold both in the tangency portfolio; AAPL would not (its weight would be negative).
    const pair = realReturns(['MSFT', 'JNJ']);
    const [mu, sigma] = [pair.mu, pair.sigma];
    for (const rf of [0, 0.02]) {
      const t = optimizePortfolio({ returns: pair.returns, periodsPerYear: 252, riskFreeRate: rf }).maxSharpe!;
      expect(t.weights.every((x) => x > 0.05)).toBe(true);
      expect(sum(t.weights)).toBeCloseTo(1, 12);
      // Σw ∝ μ − rf, the tangency condition.
      const sw = mul(sigma, t.weights);
      const k = sw[0]! / (mu[0]! - rf);
      sw.forEach((v, i) => expect(v).toBeCloseTo(k * (mu[i]! - rf), 12));
      expect(t.sharpe!).toBeCloseTo(sharpeOf(t.weights, mu, sigma, rf), 12);
    }
  });

  test('two assets: w₁ = (σ₂² − σ₁₂) / (σ₁² + σ₂² − 2σ₁₂)', () => {
    const two = realReturns(['AAPL', 'XOM']);
    const [[s11, s12], [, s22]] = two.sigma as [[number, number], [number, number]];
    const w = optimizePortfolio({ returns: two.returns, periodsPerYear: 252 }).minVariance.weights;
    expect(w[0]).toBeCloseTo((s22 - s12) / (s11 + s22 - 2 * s12), 12);
    expect(w[1]).toBeCloseTo(1 - w[0]!, 12);
  });
});

describe('optimizePortfolio with bounds that bind, on 8 stocks', () => {
  const symbols = ['AAPL', 'MSFT', 'JPM', 'XOM', 'KO', 'NVDA', 'PFE', 'WMT'];
  const { returns, mu, sigma } = realReturns(symbols);
  const bounds = symbols.map((s) => ({ min: s === 'XOM' ? 0.05 : 0, max: 0.3 }));
  const r: OptimizeResult = optimizePortfolio({ returns, periodsPerYear: 252, bounds, frontierPoints: 12 });
  const lo = bounds.map((b) => b.min);
  const hi = bounds.map((b) => b.max);

  /**
   * KKT of min wᵀΣw s.t. 1ᵀw = 1, [μᵀw = target], lo ≤ w ≤ hi, checked from Σ alone: with
   * g = Σw, g_i = a + b·μ_i for the assets strictly inside their bounds, g_i ≥ a + b·μ_i at a
   * lower bound, ≤ at an upper one (b = 0 without a target).
   */
  function expectKkt(w: number[], withTarget: boolean) {
    const g = mul(sigma, w);
    const free = w.map((_, i) => i).filter((i) => w[i]! > lo[i]! + 1e-9 && w[i]! < hi[i]! - 1e-9);
    expect(free.length).toBeGreaterThanOrEqual(withTarget ? 2 : 1);
    const [i, j] = [free[0]!, free[1] ?? free[0]!];
    const b = withTarget ? (g[j]! - g[i]!) / (mu[j]! - mu[i]!) : 0;
    const a = g[i]! - b * mu[i]!;
    w.forEach((x, k) => {
      const reduced = g[k]! - a - b * mu[k]!;
      if (free.includes(k)) expect(reduced).toBeCloseTo(0, 12);
      else if (x <= lo[k]! + 1e-9) expect(reduced).toBeGreaterThan(-1e-12);
      else expect(reduced).toBeLessThan(1e-12);
      expect(x).toBeGreaterThanOrEqual(lo[k]!);
      expect(x).toBeLessThanOrEqual(hi[k]!);
    });
    expect(sum(w)).toBeCloseTo(1, 12);
  }

  test('the minimum-variance portfolio meets the KKT conditions, with a cap binding', () => {
    expectKkt(r.minVariance.weights, false);
    expect(r.minVariance.weights).toContain(0.3);
  });

  test('each frontier point meets them for its target; returns rise evenly, volatility never falls', () => {
    expect(r.frontier).toHaveLength(12);
    expect(r.frontier[0]).toEqual(r.minVariance);
    const step = (r.frontier.at(-1)!.expectedReturn - r.frontier[0]!.expectedReturn) / 11;
    r.frontier.forEach((p, k) => {
      if (k === 0) return;
      expect(p.expectedReturn - r.frontier[k - 1]!.expectedReturn).toBeCloseTo(step, 12);
      expect(p.volatility).toBeGreaterThanOrEqual(r.frontier[k - 1]!.volatility - 1e-12);
      expect(p.expectedReturn).toBeCloseTo(dot(mu, p.weights), 12);
      if (k < 11) expectKkt(p.weights, true);
    });
    // The last point: the highest return the bounds allow, the best assets filled to their caps.
    const best = [...mu.keys()].sort((a, b) => mu[b]! - mu[a]!);
    const last = r.frontier.at(-1)!.weights;
    expect(best.slice(0, 3).map((i) => last[i])).toEqual([0.3, 0.3, 0.3]);
    expect(last[best[3]!]).toBeCloseTo(0.05, 12);
    expect(last[symbols.indexOf('XOM')]).toBeCloseTo(0.05, 12);
  });

  test('maximum Sharpe: no frontier point, no random portfolio within the bounds, and no small feasible move does better', () => {
    const t = r.maxSharpe!;
    const best = t.sharpe!;
    expect(best).toBeCloseTo(sharpeOf(t.weights, mu, sigma), 12);
    for (const p of r.frontier) expect(p.sharpe!).toBeLessThanOrEqual(best + 1e-12);
    const random = seededRandom(7);
    for (let n = 0; n < 2_000; n++) {
      // Inside the bounds: the minimums, then the rest poured in random order up to random caps.
      const w = [...lo];
      let left = 1 - sum(w);
      for (const i of [...w.keys()].sort(() => random() - 0.5)) {
        const add = Math.min(left, (hi[i]! - w[i]!) * (i === 7 ? 1 : random()));
        w[i]! += add;
        left -= add;
      }
      if (left > 1e-12) continue;
      expect(sharpeOf(w, mu, sigma)).toBeLessThanOrEqual(best + 1e-12);
    }
    const eps = 1e-6;
    t.weights.forEach((_, i) =>
      t.weights.forEach((__, j) => {
        const w = [...t.weights];
        w[i]! += eps;
        w[j]! -= eps;
        if (i === j || w[i]! > hi[i]! || w[j]! < lo[j]!) return;
        expect(sharpeOf(w, mu, sigma)).toBeLessThanOrEqual(best + 1e-12);
      }),
    );
  });
});

describe('optimizePortfolio refuses what has no answer', () => {
  const { returns } = realReturns(['AAPL', 'MSFT', 'JNJ']);
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InfeasiblePortfolioError);
      return (e as Error).message;
    }
    throw new Error('expected a refusal');
  };

  test('bounds that cannot sum to 1, and inverted ones', () => {
    expect(refusal(() => optimizePortfolio({ returns, periodsPerYear: 252, bounds: [0.5, 0.4, 0.3].map((min) => ({ min, max: 1 })) }))).toBe('the minimum weights add up to 1.2, more than 1: no portfolio fits');
    expect(refusal(() => optimizePortfolio({ returns, periodsPerYear: 252, bounds: [0.3, 0.3, 0.3].map((max) => ({ min: 0, max })) }))).toBe('the maximum weights add up to 0.9, less than 1: no portfolio is fully invested');
    expect(refusal(() => optimizePortfolio({ returns, periodsPerYear: 252, bounds: [{ min: 0.5, max: 0.2 }, { min: 0, max: 1 }, { min: 0, max: 1 }] }))).toContain('asset 0: bounds must satisfy');
  });

  test('fewer than 2 assets, too few returns, and an asset that is a copy of another (singular covariance)', () => {
    expect(refusal(() => optimizePortfolio({ returns: [returns[0]!], periodsPerYear: 252 }))).toBe('a portfolio needs at least 2 assets, got 1');
    expect(refusal(() => optimizePortfolio({ returns: [[0.01], [0.02]], periodsPerYear: 252 }))).toBe('1 returns: at least 2 are needed');
    expect(refusal(() => optimizePortfolio({ returns: [returns[0]!, returns[1]!, returns[0]!], periodsPerYear: 252 }))).toContain('the covariance of the returns is singular');
  });

  test('bounds that fix every weight give that one portfolio', () => {
    const r = optimizePortfolio({ returns, periodsPerYear: 252, bounds: [0.2, 0.3, 0.5].map((v) => ({ min: v, max: v })) });
    expect(r.minVariance.weights).toEqual([0.2, 0.3, 0.5]);
    expect(r.frontier).toHaveLength(1);
    expect(r.maxSharpe!.weights.map((w) => Number(w.toFixed(12)))).toEqual([0.2, 0.3, 0.5]);
  });

  test('when nothing beats the risk-free rate there is no maximum-Sharpe portfolio, and the note says why', () => {
    const r = optimizePortfolio({ returns, periodsPerYear: 252, riskFreeRate: 5 });
    expect(r.maxSharpe).toBeNull();
    expect(r.note).toStartWith('no portfolio within the bounds expects more than the risk-free rate (5)');
  });
});
