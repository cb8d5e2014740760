import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bundledBars, bundledDaily } from '../../data/read.ts';
import { seededRandom } from '../../engine/random.ts';
import type { Problem } from '../problem.ts';
import { startRiskFixture, type RiskFixture } from './risk-fixture.ts';

let f: RiskFixture;
beforeAll(async () => {
  f = await startRiskFixture();
}, 60_000);
afterAll(() => f.stop());

const post = async <T>(body: unknown) => {
  const res = await f.app.request('/api/portfolio/optimize', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T & Partial<Problem> };
};

interface Point { weights: Record<string, number>; expectedReturn: number; volatility: number; sharpe: number | null }
interface OptimizeBody {
  symbols: string[];
  tf: string;
  periodsPerYear: number;
  window: { returns: number; from: number; to: number };
  bounds: Record<string, { min: number; max: number }>;
  assets: { symbol: string; expectedReturn: number; volatility: number }[];
  minVariance: Point;
  maxSharpe: Point | null;
  frontier: Point[];
  note: string | null;
}

/** Annualised means and covariance of daily returns between two open times, from the bundled files, computed here. */
function moments(symbols: string[], from: number, to: number) {
  const closes = symbols.map((s) => new Map(bundledBars(bundledDaily(s)!).map((b) => [b.openTime, b.close])));
  const days = [...closes[0]!.keys()].filter((t) => t >= from && t <= to && closes.every((m) => m.has(t))).sort((a, b) => a - b);
  const r = closes.map((m) => days.slice(1).map((t, i) => m.get(t)! / m.get(days[i]!)! - 1));
  const T = r[0]!.length;
  const m = r.map((x) => x.reduce((a, b) => a + b, 0) / T);
  const sigma = r.map((a, i) => r.map((b, j) => (a.reduce((s, _, t) => s + (a[t]! - m[i]!) * (b[t]! - m[j]!), 0) / (T - 1)) * 252));
  return { T, mu: m.map((x) => x * 252), sigma };
}
const mul = (m: number[][], w: number[]) => m.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0));
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe('POST /api/portfolio/optimize', () => {
  test('three stocks, default bounds: the minimum-variance weights meet Σw = ν1 on the last 252 shared days', async () => {
    const symbols = ['AAPL', 'MSFT', 'JNJ'];
    const { status, body } = await post<OptimizeBody>({ symbols: ['aapl', 'msft', 'jnj'] });
    expect(status).toBe(200);
    expect(body).toMatchObject({ symbols, tf: '1d', periodsPerYear: 252 });
    expect(body.window.returns).toBe(252);
    const { T, mu, sigma } = moments(symbols, body.window.from, body.window.to);
    expect(T).toBe(252);
    body.assets.forEach((a, i) => expect(a.expectedReturn).toBeCloseTo(mu[i]!, 12));
    const w = symbols.map((s) => body.minVariance.weights[s]!);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const g = mul(sigma, w);
    // Interior weights share one marginal variance; one at zero has a marginal variance at least that.
    const free = w.map((_, i) => i).filter((i) => w[i]! > 1e-9);
    for (const i of free) expect(g[i]!).toBeCloseTo(g[free[0]!]!, 12);
    for (const i of w.keys()) if (!free.includes(i)) expect(g[i]!).toBeGreaterThan(g[free[0]!]! - 1e-12);
    expect(body.minVariance.volatility).toBeCloseTo(Math.sqrt(dot(w, g)), 12);
    expect(body.frontier).toHaveLength(20);
    expect(body.frontier[0]).toEqual(body.minVariance);
    for (const p of body.frontier) expect(p.sharpe!).toBeLessThanOrEqual(body.maxSharpe!.sharpe! + 1e-12);
  });

  test('eight stocks with caps and a floor: KKT holds for the minimum-variance portfolio and the caps bind', async () => {
    const symbols = ['AAPL', 'MSFT', 'JPM', 'XOM', 'KO', 'NVDA', 'PFE', 'WMT'];
    const { status, body } = await post<OptimizeBody>({ symbols, maxWeight: 0.25, bounds: { xom: { min: 0.1 } }, window: 500, to: '2018-01-01', frontierPoints: 5, riskFreeRate: 0.01 });
    expect(status).toBe(200);
    expect(body.bounds.XOM).toEqual({ min: 0.1, max: 0.25 });
    expect(body.window.returns).toBe(500);
    expect(body.window.to).toBeLessThan(Date.UTC(2018, 0, 1));
    const { sigma } = moments(symbols, body.window.from, body.window.to);
    const w = symbols.map((s) => body.minVariance.weights[s]!);
    const lo = symbols.map((s) => (s === 'XOM' ? 0.1 : 0));
    const g = mul(sigma, w);
    const free = w.map((_, i) => i).filter((i) => w[i]! > lo[i]! + 1e-9 && w[i]! < 0.25 - 1e-9);
    const nu = g[free[0]!]!;
    w.forEach((x, i) => {
      expect(x).toBeGreaterThanOrEqual(lo[i]!);
      expect(x).toBeLessThanOrEqual(0.25);
      if (free.includes(i)) expect(g[i]!).toBeCloseTo(nu, 12);
      else if (x === lo[i]) expect(g[i]!).toBeGreaterThan(nu - 1e-12);
      else expect(g[i]!).toBeLessThan(nu + 1e-12);
    });
    expect(w).toContain(0.25);
    expect(body.frontier).toHaveLength(5);
    expect(body.maxSharpe!.sharpe!).toBeCloseTo((body.maxSharpe!.expectedReturn - 0.01) / body.maxSharpe!.volatility, 12);
  });

  test('impossible constraints are a 422 naming what cannot hold', async () => {
    const three = ['AAPL', 'MSFT', 'JNJ'];
    expect((await post({ symbols: three, maxWeight: 0.3 })).body).toMatchObject({ status: 422, title: 'Infeasible portfolio', detail: 'the maximum weights add up to 0.9, less than 1: no portfolio is fully invested' });
    expect((await post({ symbols: three, minWeight: 0.4 })).body).toMatchObject({ status: 422, detail: 'the minimum weights add up to 1.2, more than 1: no portfolio fits' });
    expect((await post({ symbols: three, bounds: { AAPL: { min: 0.6, max: 0.2 } } })).body).toMatchObject({ status: 400, errors: [{ field: 'bounds.AAPL', message: 'min must not exceed max' }] });
    expect((await post({ symbols: three, minWeight: 0.5, bounds: { AAPL: { max: 0.2 } } })).body).toMatchObject({ status: 400, detail: 'bounds: AAPL: min 0.5 exceeds max 0.2' });
  });

  test('too few symbols, repeats, unknown ones, macro series, bounds for a symbol not in the portfolio', async () => {
    expect((await post({ symbols: ['AAPL'] })).body.errors).toEqual([{ field: 'symbols', message: 'symbols: a portfolio needs at least 2' }]);
    expect((await post({ symbols: ['AAPL', 'aapl'] })).body.errors).toEqual([{ field: 'symbols', message: 'symbols must not repeat' }]);
    expect((await post({ symbols: ['AAPL', 'APPL'] })).body).toMatchObject({ status: 404, title: 'Unknown symbol' });
    expect((await post({ symbols: ['AAPL', 'UNRATE'] })).body).toMatchObject({ status: 422, title: 'Not a traded price' });
    expect((await post({ symbols: ['AAPL', 'MSFT'], bounds: { XOM: { max: 0.5 } } })).body).toMatchObject({ status: 400, detail: 'bounds: bounds name symbols not in the portfolio: XOM' });
    expect((await post({ symbols: ['AAPL', 'MSFT'], minWeight: -0.1 })).body.errors).toEqual([{ field: 'minWeight', message: 'minWeight must be at least 0 (long only)' }]);
    expect((await post({ symbols: ['AAPL', 'MSFT'], leverage: 2 })).status).toBe(400);
  });

  test('too little overlapping history, or not enough of it for the window', async () => {
    // The bundled stocks are 2013–2018, the crypto pairs April 2021: no day in common.
    expect((await post({ symbols: ['AAPL', 'BTCUSDT'] })).body).toMatchObject({ status: 422, title: 'Not enough history', detail: 'AAPL, BTCUSDT share 0 1d candles in the window: at least 31 are needed (30 returns)' });
    // PG's history stops after 10 days: the window ends there for both.
    expect((await post({ symbols: ['AAPL', 'PG'] })).body.detail).toBe('AAPL, PG share 10 1d candles in the window: at least 31 are needed (30 returns)');
    expect((await post({ symbols: ['AAPL', 'MSFT'], window: 2000 })).body.detail).toStartWith('a window of 2000 returns needs 2001 1d candles of each symbol up to 2018-02-07');
    expect((await post({ symbols: ['AAPL', 'MSFT'], to: '2010-01-01' })).body.detail).toBe('no stored 1d candles for AAPL, MSFT before 2010-01-01T00:00:00.000Z');
    expect((await post({ symbols: ['BTCUSDT', 'ETHUSDT'], tf: '4h' })).body.detail).toBe('no stored 4h candles for BTCUSDT, ETHUSDT');
    expect((await post({ symbols: ['AAPL', 'MSFT'], tf: '1h' })).body).toMatchObject({ status: 400, detail: 'tf: AAPL, MSFT are not built on 1h (stocks have 1d candles only; one of 1m, 5m, 15m, 1h, 4h, 1d for crypto)' });
  });

  test('crypto pairs: hourly candles by default, annualised over 8,760 hours', async () => {
    const { status, body } = await post<OptimizeBody>({ symbols: ['BTCUSDT', 'ETHUSDT'], frontierPoints: 3 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ tf: '1h', periodsPerYear: 8_760 });
    expect(body.window.returns).toBeGreaterThan(600);
    expect(body.frontier).toHaveLength(3);
  });
});

describe('malformed input to the risk and portfolio routes', () => {
  test('hundreds of bad queries and bodies: a 4xx problem each, never a 5xx', async () => {
    const random = seededRandom(7_777);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const VALUES = ['', '-1', '0', '9999999999999999', '-9999999999999999', '1.5', 'NaN', 'Infinity', '1e309', 'abc', '2021-02-30', '%', 'x'.repeat(3_000), 'BTCUSDT', 'UNRATE', 'aapl', 'SPY', '29', '4999', '5000'];
    const PARAMS = ['symbol', 'window', 'tf', 'to', 'rf', 'benchmark', '__proto__'];
    const SYMBOL_LISTS = [[], ['AAPL'], ['AAPL', 'AAPL'], ['AAPL', 'MSFT'], ['AAPL', 'UNRATE'], ['BTCUSDT', 'AAPL'], new Array(60).fill('AAPL').map((s, i) => `${s}${i}`), ['', ' '], [1, 2], 'AAPL', null];
    const FIELDS: [string, unknown[]][] = [
      ['tf', ['1d', '1h', '2m', 3, null]],
      ['window', [29, 30, 1e9, -1, 1.5, '100', null]],
      ['to', ['2016-01-01', 'yesterday', -5, 1e20, -1e20, null]],
      ['riskFreeRate', [0, 0.04, 2, 'x', null]],
      ['minWeight', [0, 0.5, 1, -0.1, 2, null]],
      ['maxWeight', [0, 0.1, 1, 1.5, null]],
      ['bounds', [{}, { AAPL: { min: 0.9 } }, { AAPL: { max: -1 } }, { NOPE: {} }, { AAPL: { min: 0.2, max: 0.1 } }, [], 'x', { AAPL: { lo: 1 } }]],
      ['frontierPoints', [1, 2, 100, 101, 'many']],
      ['extra', [1]],
    ];
    for (let n = 0; n < 300; n++) {
      const query = Array.from({ length: 1 + Math.floor(random() * 4) }, () => `${pick(PARAMS)}=${encodeURIComponent(pick(VALUES))}`).join('&');
      const r = await f.app.request(`/api/risk?${query}`);
      expect(r.status, `/api/risk?${query}`).toBeLessThan(500);
      const body: Record<string, unknown> = { symbols: pick(SYMBOL_LISTS) };
      for (const [k, values] of FIELDS) if (random() < 0.3) body[k] = pick(values);
      const p = await f.app.request('/api/portfolio/optimize', { method: 'POST', headers: { 'content-type': 'application/json' }, body: random() < 0.1 ? '{"symbols":' : JSON.stringify(body) });
      expect(p.status, JSON.stringify(body)).toBeLessThan(500);
      if (p.status >= 400) expect(p.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
