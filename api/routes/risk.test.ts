import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bundledBars, bundledDaily } from '../../data/read.ts';
import type { Problem } from '../problem.ts';
import { cryptoCandles, SHORT_STOCK, startRiskFixture, type RiskFixture } from './risk-fixture.ts';

let f: RiskFixture;
beforeAll(async () => {
  f = await startRiskFixture();
}, 60_000);
afterAll(() => f.stop());

const get = async <T>(url: string) => {
  const res = await f.app.request(url);
  return { status: res.status, body: (await res.json()) as T & Partial<Problem> };
};

interface Tail { historical: number; parametric: number }
interface RiskBody {
  symbol: string;
  class: string;
  tf: string;
  periodsPerYear: number;
  riskFreeRate: number;
  window: { returns: number; from: number; to: number };
  meanReturn: { period: number; annualized: number };
  volatility: { period: number; annualized: number };
  var: { p95: Tail; p99: Tail };
  cvar: { p95: Tail; p99: Tail };
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: { value: number; peakTime: number; troughTime: number } | null;
  beta: { benchmark: string; value: number | null; correlation: number | null; returns: number; note: string | null };
}

type Close = { time: number; close: number };
const daily = (s: string): Close[] => bundledBars(bundledDaily(s)!).map((b) => ({ time: b.openTime, close: b.close }));
const hourly = (s: string): Close[] => cryptoCandles(s)['1h'].map((b) => ({ time: b.openTime, close: b.close }));
const returnsOf = (c: Close[]) => c.slice(1).map((p, i) => p.close / c[i]!.close - 1);
const avg = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: number[]) => Math.sqrt(x.reduce((a, v) => a + (v - avg(x)) ** 2, 0) / (x.length - 1));

/** The figures from their definitions, on the closes the test picked itself from the bundled files. */
function expectFigures(body: RiskBody, closes: Close[], P: number, rf: number) {
  const r = returnsOf(closes);
  const n = r.length;
  const s = [...r].sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!);
  };
  const es = (p: number) => -avg(s.filter((x) => x <= q(p)));
  const z = { 95: 1.6448536269514722, 99: 2.3263478740408408 };
  const pdf = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  const ex = r.map((x) => x - rf / P);
  let peak = 0;
  let mdd = 0;
  for (const c of closes) {
    peak = Math.max(peak, c.close);
    mdd = Math.max(mdd, 1 - c.close / peak);
  }
  expect(body.window).toEqual({ returns: n, from: closes[0]!.time, to: closes.at(-1)!.time });
  expect(body.periodsPerYear).toBe(P);
  expect(body.meanReturn.annualized).toBeCloseTo(avg(r) * P, 12);
  expect(body.volatility.period).toBeCloseTo(sd(r), 14);
  expect(body.volatility.annualized).toBeCloseTo(sd(r) * Math.sqrt(P), 12);
  expect(body.var.p95.historical).toBeCloseTo(-q(0.05), 14);
  expect(body.var.p99.historical).toBeCloseTo(-q(0.01), 14);
  expect(body.cvar.p95.historical).toBeCloseTo(es(0.05), 14);
  expect(body.cvar.p99.historical).toBeCloseTo(es(0.01), 14);
  expect(body.var.p95.parametric).toBeCloseTo(z[95] * sd(r) - avg(r), 14);
  expect(body.var.p99.parametric).toBeCloseTo(z[99] * sd(r) - avg(r), 14);
  expect(body.cvar.p95.parametric).toBeCloseTo((sd(r) * pdf(z[95])) / 0.05 - avg(r), 14);
  expect(body.cvar.p99.parametric).toBeCloseTo((sd(r) * pdf(z[99])) / 0.01 - avg(r), 14);
  expect(body.sharpe!).toBeCloseTo((avg(ex) / sd(ex)) * Math.sqrt(P), 10);
  expect(body.sortino!).toBeCloseTo((avg(ex) / Math.sqrt(avg(ex.map((x) => Math.min(0, x) ** 2)))) * Math.sqrt(P), 10);
  expect(body.maxDrawdown!.value).toBeCloseTo(mdd, 14);
}

/** Beta of `closes` against `bench` on the times both have. */
function betaOf(closes: Close[], bench: Close[]) {
  const b = new Map(bench.map((p) => [p.time, p.close]));
  const both = closes.filter((p) => b.has(p.time));
  const ra = returnsOf(both);
  const rb = returnsOf(both.map((p) => ({ time: p.time, close: b.get(p.time)! })));
  const cov = ra.reduce((acc, x, i) => acc + (x - avg(ra)) * (rb[i]! - avg(rb)), 0) / (ra.length - 1);
  return { value: cov / sd(rb) ** 2, correlation: cov / (sd(ra) * sd(rb)), returns: ra.length };
}

describe('GET /api/risk', () => {
  test('a stock: daily candles, the last 252 returns, beta against SPY', async () => {
    const { status, body } = await get<RiskBody>('/api/risk?symbol=aapl&rf=0.02');
    expect(status).toBe(200);
    expect(body).toMatchObject({ symbol: 'AAPL', class: 'stock', tf: '1d', riskFreeRate: 0.02 });
    const closes = daily('AAPL').slice(-253);
    expectFigures(body, closes, 252, 0.02);
    const beta = betaOf(closes, daily('SPY'));
    expect(body.beta.benchmark).toBe('SPY');
    expect(body.beta.returns).toBe(beta.returns);
    expect(body.beta.value!).toBeCloseTo(beta.value, 12);
    expect(body.beta.correlation!).toBeCloseTo(beta.correlation, 12);
    expect(body.beta.note).toBeNull();
  });

  test('a window ending before `to`, and another benchmark', async () => {
    const { status, body } = await get<RiskBody>('/api/risk?symbol=XOM&window=100&to=2016-01-01&benchmark=aapl');
    expect(status).toBe(200);
    const closes = daily('XOM').filter((p) => p.time < Date.UTC(2016, 0, 1)).slice(-101);
    expectFigures(body, closes, 252, 0);
    expect(body.beta.benchmark).toBe('AAPL');
    expect(body.beta.value!).toBeCloseTo(betaOf(closes, daily('AAPL')).value, 12);
  });

  test('crypto: hourly candles, every stored one when fewer than 30 days are, annualised over 8,760 hours; beta against BTCUSDT', async () => {
    const { status, body } = await get<RiskBody>('/api/risk?symbol=ETHUSDT');
    expect(status).toBe(200);
    expect(body).toMatchObject({ symbol: 'ETHUSDT', class: 'crypto', tf: '1h', periodsPerYear: 8_760 });
    const closes = hourly('ETHUSDT');
    expect(closes.length).toBeLessThan(721); // April 2021 from the 2nd: all of it
    expectFigures(body, closes, 8_760, 0);
    expect(body.beta.value!).toBeCloseTo(betaOf(closes, hourly('BTCUSDT')).value, 12);
    const btc = (await get<RiskBody>('/api/risk?symbol=BTCUSDT&window=200')).body;
    expect(btc.beta.value!).toBeCloseTo(1, 12);
    expect(btc.window.returns).toBe(200);
  });

  test('crypto on daily candles when asked: 28 days are too few for the default window, and the answer says how many there are', async () => {
    const { status, body } = await get('/api/risk?symbol=btcusdt&tf=1d');
    expect(status).toBe(422);
    expect(body).toMatchObject({ title: 'Not enough history' });
    expect(body.detail).toMatch(/^BTCUSDT has \d+ stored 1d candles: at least 31 are needed \(30 returns\)$/);
  });

  test('unknown symbol, macro series, too short a window, history that cannot fill it, bad parameters', async () => {
    expect(await get('/api/risk?symbol=APPL')).toMatchObject({ status: 404, body: { title: 'Unknown symbol', suggestions: expect.arrayContaining(['AAPL']) } });
    expect(await get('/api/risk?symbol=UNRATE')).toMatchObject({
      status: 422,
      body: { title: 'Not a traded price', detail: 'UNRATE is a macro series (a level such as a rate or an index, not a price one holds): risk is measured for crypto and stocks only' },
    });
    expect((await get('/api/risk?symbol=AAPL&window=10')).body).toMatchObject({ status: 400, errors: [{ field: 'window', message: 'window must be at least 30' }] });
    expect((await get(`/api/risk?symbol=${SHORT_STOCK}`)).body).toMatchObject({ status: 422, detail: 'PG has 10 stored 1d candles: at least 31 are needed (30 returns)' });
    expect((await get('/api/risk?symbol=AAPL&window=2000')).body).toMatchObject({ status: 422, detail: 'AAPL has 1259 stored 1d candles: a window of 2000 returns needs 2001' });
    expect((await get('/api/risk?symbol=AAPL&window=100&to=2013-03-01')).body.detail).toBe('AAPL has 14 stored 1d candles before 2013-03-01T00:00:00.000Z: a window of 100 returns needs 101');
    expect((await get('/api/risk?symbol=AAPL&window=4999&to=9000000000000000')).body.detail).toBe('AAPL has 1259 stored 1d candles before 9000000000000000 ms: a window of 4999 returns needs 5000');
    expect((await get('/api/risk?symbol=AAPL&tf=1h')).body).toMatchObject({ status: 400, errors: [{ field: 'tf', message: 'AAPL is built on 1d only, not 1h' }] });
    expect((await get('/api/risk?symbol=AAPL&rf=4%25')).body.errors).toEqual([{ field: 'rf', message: 'rf must be a decimal number such as 0.04 (4% a year)' }]);
    expect((await get('/api/risk')).body.errors?.[0]?.field).toBe('symbol');
    expect((await get('/api/risk?symbol=AAPL&benchmark=UNRATE')).status).toBe(422);
  });

  test('a benchmark with no shared candles: beta is null and the note says why', async () => {
    const { body } = await get<RiskBody>('/api/risk?symbol=AAPL&benchmark=BTCUSDT');
    expect(body.beta).toEqual({ benchmark: 'BTCUSDT', value: null, correlation: null, returns: 0, note: 'BTCUSDT shares 0 1d returns with AAPL in the window: at least 30 are needed' });
  });

  test('the route is in the OpenAPI document', async () => {
    const doc = (await get<{ paths: Record<string, unknown> }>('/openapi.json')).body;
    expect(Object.keys(doc.paths)).toContain('/api/risk');
  });
});
