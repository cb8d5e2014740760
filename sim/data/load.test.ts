import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { CandleStore, open } from '../../storage/sqlite/index.ts';
import { loadData } from './load.ts';
import { resample } from './resample.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-sim-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BTC = bundledBars(crypto1m('BTCUSDT'));
const HOUR = 3_600_000;

test('1m bars resampled to 1h: UTC hours stamped with their open, OHLCV combined, the last partial hour kept', () => {
  const bars = BTC.slice(0, 150); // two whole hours and 30 minutes
  const hours = resample(bars, '1h');
  expect(hours).toHaveLength(3);
  hours.forEach((h, i) => {
    const inside = bars.filter((b) => b.openTime - (b.openTime % HOUR) === h.openTime);
    expect(h).toEqual({
      openTime: BTC[0]!.openTime + i * HOUR,
      open: inside[0]!.open,
      high: Math.max(...inside.map((b) => b.high)),
      low: Math.min(...inside.map((b) => b.low)),
      close: inside.at(-1)!.close,
      volume: expect.closeTo(inside.reduce((a, b) => a + b.volume, 0), 9),
    });
  });
  expect(hours[2]!.close).toBe(bars.at(-1)!.close);
});

test('a CSV is read in any layout import knows; each bad line is named file:line; the range is [from, to)', async () => {
  const good = join(dir, 'BTCUSDT_1m.csv');
  const rows = BTC.slice(0, 120).map((b) => [b.openTime, b.open, b.high, b.low, b.close, b.volume].join(','));
  writeFileSync(good, `open_time,open,high,low,close,volume\n${rows.join('\n')}\n`);
  const loaded = await loadData([{ symbol: 'BTCUSDT', csv: 'BTCUSDT_1m.csv' }], { baseDir: dir, from: BTC[10]!.openTime, to: BTC[20]!.openTime });
  expect(loaded.ok && loaded.series[0]!.bars).toEqual(BTC.slice(10, 20));

  const bad = join(dir, 'bad_1m.csv');
  writeFileSync(bad, `open_time,open,high,low,close,volume\n${rows[0]}\n${BTC[1]!.openTime},1,2,3\n${rows[2]}\n`);
  const refused = await loadData([{ symbol: 'BTCUSDT', csv: bad }], { baseDir: dir });
  expect(refused).toEqual({ ok: false, errors: [`${bad}:3: expected 6 columns, got 4`] });
  const missing = await loadData([{ symbol: 'BTCUSDT', csv: 'nope.csv' }], { baseDir: dir });
  expect(missing).toEqual({ ok: false, errors: [`${join(dir, 'nope.csv')}: no such file`] });
  const empty = await loadData([{ symbol: 'BTCUSDT', csv: good }], { baseDir: dir, from: Date.UTC(2030, 0, 1) });
  expect(empty.ok ? null : empty.errors[0]).toContain('BTCUSDT: no bars in the range [2030-01-01T00:00:00.000Z, …)');
});

test('a SQLite store, by path or as the engine store; the bundled data; every problem of every source at once', async () => {
  const path = join(dir, 'store.db');
  const db = open(path);
  new CandleStore(db).writeCandles('ETHUSDT', '1m', bundledBars(crypto1m('ETHUSDT')).slice(0, 60));
  db.close();
  const loaded = await loadData([{ symbol: 'ETHUSDT', db: 'store.db', tf: '1m' }, { symbol: 'BTCUSDT', bundled: true }], { baseDir: dir, to: BTC[60]!.openTime });
  expect(loaded.ok && loaded.series.map((s) => [s.symbol, s.tf, s.bars.length])).toEqual([
    ['ETHUSDT', '1m', 60],
    ['BTCUSDT', '1m', 60],
  ]);
  const store = await loadData([{ symbol: 'ETHUSDT', store: true, tf: '1m' }], { baseDir: '/', store: path });
  expect(store.ok && store.series[0]!.bars.length).toBe(60);

  const all = await loadData(
    [
      { symbol: 'BTCUSDT', db: 'store.db', tf: '1m' },
      { symbol: 'NOPE', bundled: true },
      { symbol: 'ETHUSDT', db: 'absent.db', tf: '1m' },
    ],
    { baseDir: dir },
  );
  expect(all.ok ? [] : all.errors).toEqual([
    `BTCUSDT: ${path} holds no 1m candles of BTCUSDT (tickflow import --symbol BTCUSDT fills it)`,
    'NOPE: no bundled data (data/SOURCES.md lists the 8 crypto pairs, the 40 stocks, SPY and the FRED series)',
    `ETHUSDT: no database at ${join(dir, 'absent.db')} (tickflow import writes one)`,
  ]);
  const jobs = await loadData([{ symbol: 'BTCUSDT', csv: '/etc/hosts' }], { baseDir: dir, allow: { csv: false, db: false } });
  expect(jobs.ok ? '' : jobs.errors[0]).toContain('a CSV path is not accepted here');
});

test('bars are played at the coarsest timeframe of the data, or a coarser one asked for; never split', async () => {
  const to = BTC[0]!.openTime + 2 * HOUR;
  const coarser = await loadData([{ symbol: 'BTCUSDT', bundled: true }], { baseDir: dir, to, playTf: '15m' });
  expect(coarser.ok && [coarser.tf, coarser.series[0]!.bars.length]).toEqual(['15m', 8]);
  const daily = await loadData([{ symbol: 'AAPL', bundled: true }, { symbol: 'BTCUSDT', bundled: true }], { baseDir: dir, playTf: '1h' });
  expect(daily.ok ? '' : daily.errors[0]).toBe('AAPL: its data is 1d bars, coarser than the 1h bars played (playTf); bars are combined, never split');
});
