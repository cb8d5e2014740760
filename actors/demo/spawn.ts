import { address, type ActorSystem, type Address } from '../../engine/index.ts';
import type { TickerProps } from './ticker.ts';

/** A handful of instruments with plausible prices and per-tick moves, one tick a second. */
export const DEMO_TICKERS: readonly TickerProps[] = [
  { symbol: 'BTCUSDT', start: 64_000, volatility: 0.002, intervalMs: 1000 },
  { symbol: 'ETHUSDT', start: 3_100, volatility: 0.0025, intervalMs: 1000 },
  { symbol: 'AAPL', start: 190, volatility: 0.001, intervalMs: 1000 },
  { symbol: 'SPY', start: 520, volatility: 0.0006, intervalMs: 1000 },
];

export const BOARD = address('board', 'demo');

/** Spawns the board and one ticker per entry; the board first, so it subscribes before the first tick. */
export function spawnDemo(system: ActorSystem, tickers: readonly TickerProps[] = DEMO_TICKERS): { board: Address; tickers: Address[] } {
  system.spawn('board', 'demo');
  return { board: BOARD, tickers: tickers.map((t) => system.spawn('ticker', t.symbol, t)) };
}
