/**
 * The demo kinds `npm start` runs until real market actors exist: tickers walking seeded
 * prices and a board collecting them. Every worker loads this module by URL.
 */
// Kinds differ in messages, state and props; the engine's registry takes any of them.
import type { AnyBehaviour } from '../../engine/behaviour/behaviour.ts';
import { board } from './board.ts';
import { ticker } from './ticker.ts';

export const behaviours: AnyBehaviour[] = [ticker, board];
export { ticker, board };
export type { BoardLine, BoardView, PriceMsg, TickerView } from './messages.ts';
export type { TickerProps } from './ticker.ts';
