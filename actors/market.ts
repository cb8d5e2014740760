import { crypto1m } from '../data/read.ts';
import type { ActorSystem, Address } from '../engine/index.ts';

/** The kinds a replayed market needs, for `ActorSystem.start({ behaviours })`. */
export const MARKET_KINDS = ['./symbol/index.ts', './replay/index.ts', './store/index.ts', './summary/index.ts', './binance/index.ts'].map((m) =>
  new URL(m, import.meta.url).href,
);

/** SQLite wants one writer: the candle store always lives on worker 0. */
export const MARKET_PLACEMENT = { 'candle-store': 0 };

/**
 * Starts the market on Binance's live trade streams instead: the same symbol actors, store and
 * summary, fed by one `binance/live` connection. With no network it keeps retrying, and says so.
 */
export function startLiveMarket(
  system: ActorSystem,
  symbols: readonly string[],
  endpoints: { wsBase: string; restBase: string },
  db?: string,
): { feed: Address; symbols: Address[]; store: Address | null; summary: Address } {
  const { store, summary, actors } = spawnMarket(system, symbols, db);
  const feed = system.spawn('binance', 'live', { symbols, ...endpoints });
  return { feed, symbols: actors, store, summary };
}

function spawnMarket(system: ActorSystem, symbols: readonly string[], db?: string) {
  const store = db ? system.spawn('candle-store', 'main', { path: db }) : null;
  const summary = system.spawn('summary', 'crypto', { assetClass: 'crypto' });
  // With a store, each symbol warms from its stored history first: a restart carries on.
  const actors = symbols.map((symbol) => system.spawn('symbol', symbol, { symbol, ...(store && db ? { store, warmFrom: { db } } : {}) }));
  return { store, summary, actors };
}

export interface ReplayMarketOptions {
  /** Multiple of real time (60: a 1m bar a second); 0: as fast as it goes. */
  speed: number;
  /** The SQLite file closed candles are persisted to and resumed from; none: nothing persisted. */
  db?: string;
  /** Start over when the data runs out (the demo); default true. */
  loop?: boolean;
  /** Only the first N bars of each pair. */
  bars?: number;
}

/**
 * Starts a live market on recorded data: one symbol actor per pair, and one replay feed playing
 * their bundled 1m bars at `speed` × real time. With a database path, closed candles are
 * persisted there by a candle store, and a restarted market resumes from them: the symbols
 * warm from their stored candles and the replay starts after them.
 */
export function startReplayMarket(
  system: ActorSystem,
  symbols: readonly string[],
  { speed, db, loop = true, bars }: ReplayMarketOptions,
): { feed: Address; symbols: Address[]; store: Address | null; summary: Address } {
  const { store, summary, actors } = spawnMarket(system, symbols, db);
  const feeds = symbols.map((symbol) => ({ symbol, file: crypto1m(symbol) }));
  const feed = system.spawn('replay', 'crypto', { feeds, speed, loop, ...(bars ? { bars } : {}), ...(db ? { resumeFrom: db } : {}) });
  return { feed, symbols: actors, store, summary };
}
