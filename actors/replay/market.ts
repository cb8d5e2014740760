import { crypto1m } from '../../data/read.ts';
import type { ActorSystem, Address } from '../../engine/index.ts';

/** The kinds a replayed market needs, for `ActorSystem.start({ behaviours })`. */
export const MARKET_KINDS = [new URL('../symbol/index.ts', import.meta.url).href, new URL('./index.ts', import.meta.url).href];

/**
 * Starts a live market on recorded data: one symbol actor per pair, and one replay feed playing
 * their bundled 1m bars, looping, at `speed` × real time (60: a 1m bar a second).
 */
export function startReplayMarket(system: ActorSystem, symbols: readonly string[], speed: number): { feed: Address; symbols: Address[] } {
  const actors = symbols.map((symbol) => system.spawn('symbol', symbol, { symbol }));
  const feed = system.spawn('replay', 'crypto', { feeds: symbols.map((symbol) => ({ symbol, file: crypto1m(symbol) })), speed, loop: true });
  return { feed, symbols: actors };
}
