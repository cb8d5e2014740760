import { describe, expect, test } from 'bun:test';
import { bundledBars, bundledDaily } from '../../data/read.ts';
import { solveQp } from './qp.ts';
import { solve, SingularMatrixError } from './linalg.ts';

/** Daily simple returns of bundled stocks on the days they all have, and their sample covariance: computed here, not by the module. */
function realCovariance(symbols: string[]): number[][] {
  const closes = symbols.map((s) => new Map(bundledBars(bundledDaily(s)!).map((b) => [b.openTime, b.close])));
  const days = [...closes[0]!.keys()].filter((t) => closes.every((m) => m.has(t))).sort((a, b) => a - b).slice(-500);
  const r = closes.map((m) => days.slice(1).map((t, i) => m.get(t)! / m.get(days[i]!)! - 1));
  const avg = r.map((x) => x.reduce((a, b) => a + b, 0) / x.length);
  return r.map((a, i) => r.map((b, j) => a.reduce((s, _, t) => s + (a[t]! - avg[i]!) * (b[t]! - avg[j]!), 0) / (a.length - 1) * 252));
}

describe('solve', () => {
  test('a small system, and a singular one refused', () => {
    expect(solve([[2, 1], [1, 3]], [3, 5]).map((v) => Number(v.toFixed(12)))).toEqual([0.8, 1.4]);
    expect(solve([[0, 1], [1, 0]], [2, 3])).toEqual([3, 2]); // needs a pivot swap
    expect(() => solve([[1, 2], [2, 4]], [1, 2])).toThrow(SingularMatrixError);
  });
});

describe('solveQp', () => {
  test('the unconstrained minimum-variance portfolio is Σ⁻¹1 / 1ᵀΣ⁻¹1: Σw is the same for every asset', () => {
    const sigma = realCovariance(['AAPL', 'XOM', 'JPM', 'KO', 'NVDA']);
    const n = sigma.length;
    const { x, nu } = solveQp({ Q: sigma, c: new Array(n).fill(0), E: [new Array(n).fill(1)], e: [1], G: [], g: [] }, new Array(n).fill(1 / n));
    expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const sw = sigma.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0));
    for (const v of sw) expect(v).toBeCloseTo(nu[0]!, 12);
  });

  test('two assets in closed form: w₁ = (σ₂² − σ₁₂) / (σ₁² + σ₂² − 2σ₁₂)', () => {
    const [[s11, s12], [, s22]] = realCovariance(['AAPL', 'XOM']) as [[number, number], [number, number]];
    const { x } = solveQp({ Q: [[s11, s12], [s12, s22]], c: [0, 0], E: [[1, 1]], e: [1], G: [[1, 0], [0, 1]], g: [0, 0] }, [0.5, 0.5]);
    const w1 = (s22 - s12) / (s11 + s22 - 2 * s12);
    expect(w1).toBeGreaterThan(0);
    expect(w1).toBeLessThan(1);
    expect(x[0]).toBeCloseTo(w1, 12);
    expect(x[1]).toBeCloseTo(1 - w1, 12);
  });

  test('long-only bounds that bind: KKT holds with multipliers of the right signs and complementary slackness', () => {
    const sigma = realCovariance(['AAPL', 'XOM', 'JPM', 'KO', 'NVDA']);
    const n = sigma.length;
    const G: number[][] = [...sigma.map((_, i) => sigma.map((__, k) => (k === i ? 1 : 0))), ...sigma.map((_, i) => sigma.map((__, k) => (k === i ? -1 : 0)))];
    const g = [...new Array(n).fill(0), ...new Array(n).fill(-0.35)];
    const { x, nu, lambda } = solveQp({ Q: sigma, c: new Array(n).fill(0), E: [new Array(n).fill(1)], e: [1], G, g }, new Array(n).fill(1 / n));
    // stationarity: Σx = ν·1 + Gᵀλ
    const sw = sigma.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0));
    sw.forEach((v, i) => expect(v).toBeCloseTo(nu[0]! + lambda[i]! - lambda[n + i]!, 12));
    for (const l of lambda) expect(l).toBeGreaterThanOrEqual(0);
    G.forEach((row, j) => {
      const slack = row.reduce((s, v, k) => s + v * x[k]!, 0) - g[j]!;
      expect(slack).toBeGreaterThan(-1e-12);
      expect(Math.min(Math.abs(slack), lambda[j]!)).toBeLessThan(1e-12);
    });
    expect(lambda.some((l) => l > 1e-9)).toBe(true); // a bound does bind here
  });

  test('a start outside the constraints is refused', () => {
    expect(() => solveQp({ Q: [[1]], c: [0], E: [[1]], e: [1], G: [], g: [] }, [0.5])).toThrow('the starting point breaks equality 0');
  });
});
