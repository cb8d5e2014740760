import { expect, test } from 'bun:test';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { ActorSystem, address } from '../../engine/index.ts';
import { bucketStart } from '../../market/timeframes.ts';
import type { SymbolView } from '../symbol/index.ts';

const KINDS = [new URL('../symbol/index.ts', import.meta.url).href, new URL('./index.ts', import.meta.url).href];
const PAIRS = ['BTCUSDT', 'ETHUSDT'];

/** Replays the two pairs' whole month at full speed on simulated time; returns what each symbol shows. */
async function replayMonth(workers: number): Promise<SymbolView[]> {
  const system = await ActorSystem.start({ workers, behaviours: KINDS, clock: 'sim' });
  try {
    for (const s of PAIRS) system.spawn('symbol', s, { symbol: s });
    system.spawn('replay', 'crypto', { feeds: PAIRS.map((symbol) => ({ symbol, file: crypto1m(symbol) })), speed: 0, loop: false });
    await system.sim!.runUntil(0); // full speed: the whole month replays in rounds at one instant
    return await Promise.all(PAIRS.map((s) => system.ask<SymbolView>(address('symbol', s), { type: 'view' })));
  } finally {
    await system.shutdown();
  }
}

test('a month of real bars replayed through the symbol actors: every print kept, every halt seen, same on 1 and 2 workers', async () => {
  const [one, two] = [await replayMonth(1), await replayMonth(2)];
  expect(two).toEqual(one);
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
  }
}, 60_000);
