import { describe, expect, test } from 'bun:test';
import { bundledBars, bundledDaily, crypto1m } from '../../data/read.ts';
import { betaAgainst, NotEnoughHistoryError, riskMetrics } from './risk.ts';
import { quantile } from './tail.ts';
import type { ClosePoint } from './series.ts';

const HOUR = 3_600_000;
const daily = (symbol: string): ClosePoint[] => bundledBars(bundledDaily(symbol)!).map((b) => ({ time: b.openTime, close: b.close }));
/** 1h closes from the bundled 1m bars: the close of the last minute of each hour. */
const hourly = (symbol: string): ClosePoint[] => {
  const byHour = new Map<number, number>();
  for (const b of bundledBars(crypto1m(symbol))) byHour.set(b.openTime - (b.openTime % HOUR), b.close);
  return [...byHour].map(([time, close]) => ({ time, close }));
};

/** Every figure worked out here from its textbook definition, with no code of the module. */
function reference(window: ClosePoint[], P: number, rf = 0) {
  const r = window.slice(1).map((p, i) => p.close / window[i]!.close - 1);
  const n = r.length;
  const m = r.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(r.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1));
  const sorted = [...r].sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, n - 1)]! - sorted[lo]!);
  };
  const es = (p: number) => {
    const tail = sorted.filter((x) => x <= q(p));
    return -tail.reduce((a, b) => a + b, 0) / tail.length;
  };
  const phi = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
  const ex = r.map((x) => x - rf / P);
  const me = ex.reduce((a, b) => a + b, 0) / n;
  const sde = Math.sqrt(ex.reduce((a, x) => a + (x - me) ** 2, 0) / (n - 1));
  const down = Math.sqrt(ex.reduce((a, x) => a + Math.min(0, x) ** 2, 0) / n);
  let peak = -Infinity;
  let mdd = 0;
  for (const p of window) {
    peak = Math.max(peak, p.close);
    mdd = Math.max(mdd, (peak - p.close) / peak);
  }
  return {
    n,
    m,
    sd,
    var95: -q(0.05),
    var99: -q(0.01),
    cvar95: es(0.05),
    cvar99: es(0.01),
    pvar95: 1.6448536269514722 * sd - m,
    pvar99: 2.3263478740408408 * sd - m,
    pcvar95: (sd * phi(1.6448536269514722)) / 0.05 - m,
    pcvar99: (sd * phi(2.3263478740408408)) / 0.01 - m,
    sharpe: (me / sde) * Math.sqrt(P),
    sortino: (me / down) * Math.sqrt(P),
    mdd,
  };
}

function expectMatches(window: ClosePoint[], P: number, rf = 0) {
  const got = riskMetrics(window, { periodsPerYear: P, riskFreeRate: rf });
  const want = reference(window, P, rf);
  expect(got.returns).toBe(want.n);
  expect(got.meanReturn.period).toBeCloseTo(want.m, 14);
  expect(got.meanReturn.annualized).toBeCloseTo(want.m * P, 12);
  expect(got.volatility.period).toBeCloseTo(want.sd, 14);
  expect(got.volatility.annualized).toBeCloseTo(want.sd * Math.sqrt(P), 12);
  expect(got.var.p95.historical).toBeCloseTo(want.var95, 14);
  expect(got.var.p99.historical).toBeCloseTo(want.var99, 14);
  expect(got.cvar.p95.historical).toBeCloseTo(want.cvar95, 14);
  expect(got.cvar.p99.historical).toBeCloseTo(want.cvar99, 14);
  expect(got.var.p95.parametric).toBeCloseTo(want.pvar95, 14);
  expect(got.var.p99.parametric).toBeCloseTo(want.pvar99, 14);
  expect(got.cvar.p95.parametric).toBeCloseTo(want.pcvar95, 14);
  expect(got.cvar.p99.parametric).toBeCloseTo(want.pcvar99, 14);
  expect(got.sharpe!).toBeCloseTo(want.sharpe, 10);
  expect(got.sortino!).toBeCloseTo(want.sortino, 10);
  expect(got.maxDrawdown!.value).toBeCloseTo(want.mdd, 14);
  // The tail is ordered as it must be: CVaR beyond VaR, 99% beyond 95%.
  expect(got.cvar.p95.historical).toBeGreaterThanOrEqual(got.var.p95.historical);
  expect(got.var.p99.historical).toBeGreaterThanOrEqual(got.var.p95.historical);
  return got;
}

describe('riskMetrics on real bundled data, against the definitions', () => {
  test('AAPL, the last 252 trading days, with a 2% risk-free rate', () => {
    const got = expectMatches(daily('AAPL').slice(-253), 252, 0.02);
    expect(got.returns).toBe(252);
    expect(got.maxDrawdown!.troughTime).toBeGreaterThan(got.maxDrawdown!.peakTime);
  });

  test('BTCUSDT, April 2021 in hours (365 × 24 periods a year)', () => {
    const got = expectMatches(hourly('BTCUSDT'), 365 * 24);
    expect(got.returns).toBeGreaterThan(600);
  });

  test('SPY over 2013–2018', () => {
    expectMatches(daily('SPY').filter((p) => p.time >= Date.UTC(2013, 0, 1) && p.time < Date.UTC(2019, 0, 1)), 252);
  });
});

describe('betaAgainst', () => {
  test("AAPL against SPY: cov / var of the benchmark's returns on the days both traded", () => {
    const aapl = daily('AAPL').slice(-253);
    const spy = daily('SPY');
    const spyByTime = new Map(spy.map((p) => [p.time, p.close]));
    const both = aapl.filter((p) => spyByTime.has(p.time));
    const ra = both.slice(1).map((p, i) => p.close / both[i]!.close - 1);
    const rb = both.slice(1).map((p, i) => spyByTime.get(p.time)! / spyByTime.get(both[i]!.time)! - 1);
    const ma = ra.reduce((a, b) => a + b, 0) / ra.length;
    const mb = rb.reduce((a, b) => a + b, 0) / rb.length;
    const cov = ra.reduce((s, x, i) => s + (x - ma) * (rb[i]! - mb), 0);
    const vb = rb.reduce((s, x) => s + (x - mb) ** 2, 0);
    const va = ra.reduce((s, x) => s + (x - ma) ** 2, 0);
    const beta = betaAgainst(aapl, spy);
    expect(beta.returns).toBe(ra.length);
    expect(beta.value!).toBeCloseTo(cov / vb, 12);
    expect(beta.correlation!).toBeCloseTo(cov / Math.sqrt(va * vb), 12);
  });

  test("a series against itself has beta 1; a benchmark that does not overlap gives none", () => {
    const btc = hourly('BTCUSDT');
    expect(betaAgainst(btc, btc).value!).toBeCloseTo(1, 14);
    expect(betaAgainst(btc, daily('SPY'))).toEqual({ value: null, correlation: null, returns: 0 });
  });
});

describe('edges', () => {
  test('fewer than 2 returns, or a close at zero, is NotEnoughHistoryError', () => {
    expect(() => riskMetrics([{ time: 0, close: 1 }, { time: 1, close: 2 }], { periodsPerYear: 252 })).toThrow(NotEnoughHistoryError);
    expect(() => riskMetrics([{ time: 0, close: 1 }, { time: 1, close: 0 }, { time: 2, close: 1 }], { periodsPerYear: 252 })).toThrow('a close is zero or negative');
  });

  test('quantile interpolates between order statistics (numpy\'s default)', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 14);
    expect(quantile([7], 0.01)).toBe(7);
  });
});
