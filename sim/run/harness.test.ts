import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round8 } from '../../market/orders/index.ts';
import { parseBacktestConfig, type BacktestConfig } from '../config.ts';
import { reportJson } from '../report/write.ts';
import { runBacktest } from './harness.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXAMPLE = join(ROOT, 'examples/sma-cross-btc-1h.json');
const BTC_1M = join(ROOT, 'data/crypto/binance_spot_1m/BTCUSDT_1m_2021-04-02_2021-04-30.csv.gz');
const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'tickflow-backtest-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Bar1m {
  t: number;
  open: number;
  close: number;
}

/**
 * The example's rule computed from scratch, with none of the engine's code: the CSV read by
 * hand, 1m bars grouped into UTC hours stamped with their open hour (the last, partial one
 * included), SMA(10) and SMA(30) of the hourly closes as plain window sums, crossovers, 1.0 BTC
 * bought when flat on a cross above and the whole position sold on a cross below, each filled at
 * the open of the next hour's first bar, 0.1% commission per fill, and what is still held at
 * the end valued at the last close.
 */
function fromScratch() {
  const lines = new TextDecoder().decode(Bun.gunzipSync(readFileSync(BTC_1M))).trim().split('\n').slice(1);
  const bars: Bar1m[] = lines.map((l) => {
    const [t, open, , , close] = l.split(',');
    return { t: Number(t), open: Number(open), close: Number(close) };
  });
  const hours: { openTime: number; firstBar: Bar1m; close: number }[] = [];
  for (const b of bars) {
    const h = b.t - (b.t % HOUR);
    const last = hours.at(-1);
    if (last && last.openTime === h) last.close = b.close;
    else hours.push({ openTime: h, firstBar: b, close: b.close });
  }
  const closes = hours.map((h) => h.close);
  const sma = (n: number, i: number) => (i < n - 1 ? null : closes.slice(i - n + 1, i + 1).reduce((a, b) => a + b, 0) / n);
  let cash = 100_000;
  let qty = 0;
  const fills: { time: number; side: 'buy' | 'sell'; qty: number; price: number; fee: number }[] = [];
  for (let i = 1; i + 1 < hours.length; i++) {
    const [f, s, pf, ps] = [sma(10, i), sma(30, i), sma(10, i - 1), sma(30, i - 1)];
    if (f === null || s === null || pf === null || ps === null) continue;
    const next = hours[i + 1]!.firstBar;
    const fill = (side: 'buy' | 'sell', q: number) => {
      const fee = round8(q * next.open * 0.001);
      cash = round8(cash + (side === 'buy' ? -1 : 1) * q * next.open - fee);
      qty += side === 'buy' ? q : -q;
      fills.push({ time: next.t, side, qty: q, price: next.open, fee });
    };
    if (qty === 0 && f > s && pf <= ps) fill('buy', 1);
    else if (qty > 0 && f < s && pf >= ps) fill('sell', qty);
  }
  const lastClose = closes.at(-1)!;
  const trips = [];
  for (let k = 0; k < fills.length; k += 2) {
    const [entry, exit] = [fills[k]!, fills[k + 1]];
    const exitPrice = exit?.price ?? lastClose;
    trips.push({ entryTime: entry.time, entryPrice: entry.price, exitTime: exit?.time ?? null, exitPrice, pnl: (exitPrice - entry.price) * entry.qty - entry.fee - (exit?.fee ?? 0), open: !exit });
  }
  return { fills, trips, cash, qty, value: cash + qty * lastClose, hours: hours.length };
}

test('the example config (SMA 10/30, BTCUSDT 1h from 1m) gives the fills, round trips, cash and value of a from-scratch computation', async () => {
  const out = join(dir, 'example');
  // The CLI as a user runs it, with the CSV path given as the config's parameter.
  const cli = Bun.spawn([process.execPath, join(ROOT, 'cli/tickflow.ts'), 'backtest', EXAMPLE, '--out', out, '--workers', '2', '--param', `csv=${BTC_1M}`], { stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr] = [await new Response(cli.stdout).text(), await new Response(cli.stderr).text()];
  expect(await cli.exited).toBe(0);
  expect(stdout).toContain('final value');
  expect(stderr).toContain('report.html');
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const want = fromScratch();

  expect(want.fills.length).toBeGreaterThan(10); // a month of hours crosses often enough to mean something
  expect(report.fills.map((f: { time: string; side: string; qty: number; price: number; fee: number; symbol: string }) => ({ time: Date.parse(f.time), side: f.side, qty: f.qty, price: f.price, fee: f.fee }))).toEqual(want.fills);
  expect(report.fills.every((f: { symbol: string }) => f.symbol === 'BTCUSDT')).toBe(true);
  expect(report.roundTrips).toHaveLength(want.trips.length);
  report.roundTrips.forEach((t: { entryTime: string; entryPrice: number; exitTime: string | null; exitPrice: number; pnl: number; open: boolean; qty: number }, i: number) => {
    const w = want.trips[i]!;
    expect({ entryTime: Date.parse(t.entryTime), entryPrice: t.entryPrice, exitTime: t.exitTime === null ? null : Date.parse(t.exitTime), exitPrice: t.exitPrice, open: t.open, qty: t.qty }).toEqual({
      entryTime: w.entryTime,
      entryPrice: w.entryPrice,
      exitTime: w.exitTime,
      exitPrice: w.exitPrice,
      open: w.open,
      qty: 1,
    });
    expect(t.pnl).toBeCloseTo(w.pnl, 6);
  });
  expect(report.final.cash).toBe(want.cash);
  expect(report.final.positions.map((p: { qty: number }) => p.qty)).toEqual(want.qty === 0 ? [] : [want.qty]);
  expect(report.final.value).toBeCloseTo(want.value, 6);
  expect(report.metrics.finalValue).toBe(report.final.value);
  // One equity mark per hour (and the start), the last at the last close.
  expect(report.equity).toHaveLength(want.hours + 1);
  expect(report.equity.at(-1)[1]).toBeCloseTo(want.value, 6);
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
}, 120_000);

/** The example on BTCUSDT and an EMA crossover on ETHUSDT sharing its account, over ten days: two symbols, so they can live apart. */
function twoSymbols(extra: Partial<Record<string, unknown>> = {}): BacktestConfig {
  const json = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  const parsed = parseBacktestConfig({
    ...json,
    // Not on the hour: a symbol actor snapshots every 240 prints (an hour of 1m bars), so starting
    // at minute 7 puts its snapshots in the middle of the hours and a crash costs it most of one.
    from: '2021-04-08T00:07:00Z',
    to: '2021-04-18',
    data: [...json.data, { symbol: 'ETHUSDT', bundled: true }],
    strategies: [...json.strategies, { id: 'ema-eth', kind: 'ema-crossover', symbols: ['ETHUSDT'], timeframe: '1h', params: { fast: 5, slow: 20 }, sizing: { kind: 'fixed', qty: 10 } }],
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

const runJson = async (config: BacktestConfig, workers: number) => {
  const r = await runBacktest(config, { baseDir: join(ROOT, 'examples'), workers });
  return { json: reportJson(r.reports[0]!.report), stats: r.stats };
};

test('report.json is byte-identical with 1, 2 and 4 workers, run after run, and when a worker is killed part-way', async () => {
  const config = twoSymbols();
  const one = await runJson(config, 1);
  const report = JSON.parse(one.json);
  expect(report.fills.length).toBeGreaterThan(10);
  expect(new Set(report.fills.map((f: { symbol: string }) => f.symbol))).toEqual(new Set(['BTCUSDT', 'ETHUSDT']));
  expect(one.stats.deadLetters).toBe(0);
  expect(one.stats.revealed).toBe(report.fills.length); // every order was shown the print it was decided on
  for (const workers of [2, 4, 2]) expect((await runJson(config, workers)).json).toBe(one.json);

  // In the middle of the run, while BTCUSDT is held (2021-04-12 12:30).
  const held = report.roundTrips.find((t: { entryTime: string; exitTime: string | null }) => t.entryTime < '2021-04-12T12:30' && (t.exitTime ?? 'z') > '2021-04-12T13:00');
  expect(held).toBeDefined();
  for (const workers of [1, 2]) {
    const crashed = await runJson(twoSymbols({ chaos: { crashAt: '2021-04-12T12:30:00Z' } }), workers);
    expect(crashed.stats.crashes).toHaveLength(1);
    const crash = crashed.stats.crashes[0]!;
    expect(crash.why).toContain('exited with code 3');
    // The account lived on the worker killed (the default), recovered from its log; with one
    // worker everything did, and its symbols came back behind, rebuilt from the bars played.
    expect(crash.hosted).toContain('account/sma-cross');
    if (workers === 1) {
      expect(crash.hosted).toEqual(expect.arrayContaining(['symbol/BTCUSDT', 'symbol/ETHUSDT', 'strategy/sma-10-30', 'sim-feed/main']));
      expect(crash.rewarmed.every((s) => s.behindMs > 0)).toBe(true);
    }
    expect(crashed.json).toBe(one.json);
  }
}, 300_000);

test('playing coarser bars (playTf) changes no fill of market orders decided on closes of that timeframe or coarser', async () => {
  const json = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  const run = async (extra: object) => {
    const parsed = parseBacktestConfig({ ...json, ...extra });
    if (!parsed.ok) throw new Error(parsed.error);
    return (await runBacktest(parsed.config, { baseDir: join(ROOT, 'examples'), workers: 1 })).reports[0]!.report;
  };
  const [minutes, hours] = [await run({}), await run({ playTf: '1h' })];
  expect(hours.period.barTf).toBe('1h');
  expect(hours.fills).toEqual(minutes.fills);
  expect([hours.final, hours.metrics, hours.equity]).toEqual([minutes.final, minutes.metrics, minutes.equity]);
}, 120_000);
