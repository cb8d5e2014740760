import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { candleRepositoryContract } from '../candles.contract.ts';
import { CandleStore } from './candle-store.ts';
import { open } from './open.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-candles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
candleRepositoryContract('SQLite on a file', () => {
  const db = open(join(dir, `contract-${++files}.db`));
  return { repo: new CandleStore(db), close: () => db.close() };
});

candleRepositoryContract('SQLite in memory', () => {
  const db = open(':memory:');
  return { repo: new CandleStore(db), close: () => db.close() };
});

describe('CandleStore on the real BTCUSDT 1m data', () => {
  const bars = bundledBars(crypto1m('BTCUSDT'));

  test('41,326 bars written, read back after reopening the file, and written again without growing', () => {
    const path = join(dir, 'btc.db');
    const first = open(path);
    expect(new CandleStore(first).writeCandles('BTCUSDT', '1m', bars)).toBe(41_326);
    first.close();

    const db = open(path);
    const store = new CandleStore(db);
    expect(store.count('BTCUSDT', '1m')).toBe(41_326);
    expect(store.candles('BTCUSDT', '1m').map(({ tf: _tf, prints: _prints, ...b }) => b)).toEqual([...bars]);
    expect(store.latest('BTCUSDT', '1m')).toMatchObject({ openTime: Date.UTC(2021, 3, 30, 23, 59), tf: '1m' });
    // The ATH minute of 14 April 2021 (SOURCES.md): one day's range holds it.
    const day = store.candles('BTCUSDT', '1m', { from: Date.UTC(2021, 3, 14), to: Date.UTC(2021, 3, 15) });
    expect(day).toHaveLength(1_440);
    expect(Math.max(...day.map((c) => c.high))).toBe(64_854);
    store.writeCandles('BTCUSDT', '1m', bars);
    expect(store.count()).toBe(41_326);
    db.close();
  });
});
