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
  const actors = symbols.map((symbol) => system.spawn('symbol', symbol, { symbol, ...(store ? { store } : {}) }));
  return { store, summary, actors };
}

/**
 * Starts a live market on recorded data: one symbol actor per pair, and one replay feed playing
 * their bundled 1m bars, looping, at `speed` × real time (60: a 1m bar a second). With a
 * database path, closed candles are persisted there by a candle store.
 */
export function startReplayMarket(
  system: ActorSystem,
  symbols: readonly string[],
  speed: number,
  db?: string,
): { feed: Address; symbols: Address[]; store: Address | null; summary: Address } {
  const { store, summary, actors } = spawnMarket(system, symbols, db);
  const feed = system.spawn('replay', 'crypto', { feeds: symbols.map((symbol) => ({ symbol, file: crypto1m(symbol) })), speed, loop: true });
  return { feed, symbols: actors, store, summary };
}
