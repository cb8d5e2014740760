import type { SymbolView } from '../../actors/symbol/messages.ts';
import { address } from '../../engine/index.ts';
import type { Timeframe } from '../../market/timeframes.ts';
import { CandleStore, open } from '../../storage/sqlite/index.ts';
import type { Series } from '../data/load.ts';
import type { Composition } from './compose.ts';
import { settled } from './settled.ts';

/** How long a respawn may take before the run gives up (wall time: a thread starting). */
const RESPAWN_TIMEOUT_MS = 60_000;

export interface CrashOptions {
  readonly worker: number;
  readonly flag: SharedArrayBuffer;
  /** Every bar opening before this time has been played whole, and nothing after it: the rest point the crash lands at. */
  readonly playedBefore: number;
  readonly series: readonly Series[];
  readonly playTf: Timeframe;
  /** Where the bars played so far are written for the restarted symbols to warm from. */
  readonly warmDb: string;
}

/**
 * Kills a worker while the simulation is at rest, and brings the market back to where it was.
 * The engine respawns the worker and its actors: accounts recover from their event logs, the
 * strategies, the feed and the reveals from snapshots taken after every message, so they are
 * exactly where they were. Symbol actors snapshot only every few hundred prints; each one the
 * crash took is stopped and started again warming from the bars played so far (the way a
 * restarted engine warms them from its candle store), which rebuilds its candles and indicators
 * exactly without publishing anything twice. The rest point is the end of a feed phase A, just
 * before a decision print, so every bar it has seen is whole.
 */
export interface Crash {
  readonly worker: number;
  readonly why: string;
  /** The actors that lived on the worker (all of them came back). */
  readonly hosted: readonly string[];
  readonly respawnedActors: number;
  /** The symbol actors the crash set back (their last snapshot's print behind the rest point), rebuilt from the bars. */
  readonly rewarmed: readonly { readonly symbol: string; readonly behindMs: number }[];
}

export async function crashWorker(c: Composition, o: CrashOptions): Promise<Crash> {
  const { system } = c;
  const hosted = (await system.introspect()).workers[o.worker]!.actors.map((a) => a.address).sort();
  const flag = new Int32Array(o.flag);
  let why = '';
  let actors = 0;
  const restarted = new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`worker ${o.worker} did not come back within ${RESPAWN_TIMEOUT_MS} ms`)), RESPAWN_TIMEOUT_MS); // clock-ok: waiting for a thread, not simulated time
    const off = system.onEvent((e) => {
      if (e.worker !== o.worker) return;
      // The successor's chaos actor must not see the flag still up.
      if (e.type === 'worker-died') {
        why = String(e['why']);
        Atomics.store(flag, 0, 0);
      }
      if (e.type === 'worker-restarted') {
        actors = Number(e['actors']);
        clearTimeout(timeout);
        off();
        resolve();
      }
    });
  });
  Atomics.store(flag, 0, 1);
  await restarted;
  await settled(system.sim!); // the respawned actors start
  const rewarmed = await rewarmSymbols(c, o);
  return { worker: o.worker, why, hosted, respawnedActors: actors, rewarmed };
}

async function rewarmSymbols(c: Composition, o: CrashOptions): Promise<Crash['rewarmed']> {
  const { system } = c;
  const lost = o.series.filter((s) => system.workerOf(address('symbol', s.symbol)) === o.worker);
  if (lost.length === 0) return [];
  const restored = await Promise.all(lost.map((s) => system.ask<SymbolView>(address('symbol', s.symbol), { type: 'view' })));
  const rewarmed = lost.map((s, i) => ({ symbol: s.symbol, behindMs: o.playedBefore - 1 - (restored[i]!.time ?? s.bars[0]!.openTime) }));
  const db = open(o.warmDb);
  try {
    const store = new CandleStore(db);
    db.transaction(() => {
      for (const s of lost) store.writeCandles(s.symbol, o.playTf, s.bars.filter((b) => b.openTime < o.playedBefore));
    })();
  } finally {
    db.close();
  }
  for (const s of lost) system.stop(address('symbol', s.symbol));
  await settled(system.sim!);
  for (const s of lost) {
    const bars = s.bars.filter((b) => b.openTime < o.playedBefore).length;
    const props = { ...c.symbolProps(s.symbol), warmFrom: { db: o.warmDb, bars: Math.max(1, bars) } };
    for (let attempt = 0; ; attempt++) {
      try {
        system.spawn('symbol', s.symbol, props);
        break;
      } catch (e) {
        // A stop is a message: the router forgets the address when the worker says it stopped.
        if (!(e instanceof Error) || !e.message.endsWith('is already running') || attempt >= 100) throw e;
        await settled(system.sim!);
      }
    }
  }
  await settled(system.sim!);
  return rewarmed;
}
