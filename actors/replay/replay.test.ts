import { expect, test } from 'bun:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { ActorSystem, address } from '../../engine/index.ts';
import { CandleSeries } from '../../market/candles/series.ts';
import { bucketStart } from '../../market/timeframes.ts';
import { CandleStore, open } from '../../storage/sqlite/index.ts';
import type { SummaryView } from '../summary/index.ts';
import type { SymbolView } from '../symbol/index.ts';
import { MARKET_KINDS, MARKET_PLACEMENT } from '../market.ts';

const PAIRS = ['BTCUSDT', 'ETHUSDT'];
const STORE = address('candle-store', 'main');

/** Replays the two pairs' whole month at full speed on simulated time; returns what each symbol shows. */
async function replayMonth(workers: number, db: string): Promise<{ views: SymbolView[]; summary: SummaryView }> {
  const system = await ActorSystem.start({ workers, behaviours: MARKET_KINDS, placement: MARKET_PLACEMENT, clock: 'sim' });
  try {
    system.spawn('candle-store', 'main', { path: db });
    system.spawn('summary', 'crypto', { assetClass: 'crypto' });
    for (const s of PAIRS) system.spawn('symbol', s, { symbol: s, store: STORE });
    system.spawn('replay', 'crypto', { feeds: PAIRS.map((symbol) => ({ symbol, file: crypto1m(symbol) })), speed: 0, loop: false });
    await system.sim!.runUntil(0); // full speed: the whole month replays in rounds at one instant
    system.tell(STORE, { type: 'flush' });
    await system.ask(STORE, { type: 'stats' });
    const views = await Promise.all(PAIRS.map((s) => system.ask<SymbolView>(address('symbol', s), { type: 'view' })));
    return { views, summary: await system.ask<SummaryView>(address('summary', 'crypto'), { type: 'view', limit: 10 }) };
  } finally {
    await system.shutdown();
  }
}

test('a month of real bars replayed through the symbol actors: every print kept, every halt seen, same on 1 and 2 workers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tickflow-replay-'));
  const [first, second] = [await replayMonth(1, join(dir, 'one.db')), await replayMonth(2, join(dir, 'two.db'))];
  expect(second).toEqual(first);
  const one = first.views;
  const stored = new CandleStore(open(join(dir, 'two.db')));
  for (const [i, view] of one.entries()) {
    const bars = bundledBars(crypto1m(PAIRS[i]!));
    const last = bars.at(-1)!;
    const day = bars.filter((b) => bucketStart(b.openTime, '1d') === bucketStart(last.openTime, '1d'));
    expect(view.last).toBe(last.close);
    expect(view.dropped).toEqual({ 'not-finite': 0, 'non-positive': 0, 'out-of-order': 0, 'out-of-band': 0 });
    expect(view.gaps).toBe(2); // the exchange halts of 2021-04-20 and 2021-04-25
    expect(view.forming['1d']).toMatchObject({ openTime: bucketStart(last.openTime, '1d'), open: day[0]!.open, close: last.close });
    expect(view.forming['1d']!.high).toBe(Math.max(...day.map((b) => b.high)));
    expect(view.forming['1d']!.low).toBe(Math.min(...day.map((b) => b.low)));
    // Every closed candle reached SQLite, equal to the ones built from the bars.
    const reference = new CandleSeries(['1h']);
    const hours = bars.flatMap((b) => [...reference.addBar(b)]);
    const got = stored.candles(PAIRS[i]!, '1h', { from: 0, limit: 10_000 });
    expect(got.map(({ prints: _p, ...c }) => c)).toEqual(hours.map(({ prints: _p, ...c }) => c));
    expect(stored.count(PAIRS[i]!, '1m')).toBe(bars.length - 1); // the last minute is still forming
    // The class summary has the symbol as of its last closed minute.
    expect(first.summary.symbols.find((l) => l.symbol === PAIRS[i])).toMatchObject({ last: bars.at(-2)!.close, time: last.openTime });
  }
}, 60_000);

test('replaying from the SQLite store gives exactly what replaying the file gives', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tickflow-replay-db-'));
  const db = join(dir, 'history.db');
  const store = new CandleStore(open(db));
  store.writeCandles('BTCUSDT', '1m', bundledBars(crypto1m('BTCUSDT')));
  const viewAfter = async (feed: { symbol: string; file: string } | { symbol: string; db: string }) => {
    const system = await ActorSystem.start({ workers: 2, behaviours: MARKET_KINDS, clock: 'sim' });
    try {
      system.spawn('symbol', 'BTCUSDT', { symbol: 'BTCUSDT' });
      system.spawn('replay', 'one', { feeds: [feed], speed: 0, loop: false });
      await system.sim!.runUntil(0);
      return await system.ask<SymbolView>(address('symbol', 'BTCUSDT'), { type: 'view' });
    } finally {
      await system.shutdown();
    }
  };
  const fromDb = await viewAfter({ symbol: 'BTCUSDT', db });
  expect(fromDb).toEqual(await viewAfter({ symbol: 'BTCUSDT', file: crypto1m('BTCUSDT') }));
  expect(fromDb.gaps).toBe(2);
}, 60_000);
