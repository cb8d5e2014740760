import { z } from 'zod';
import { protocol, topic, topicPattern, type Topic } from '../../engine/index.ts';

/** A price, as a ticker publishes it and the board receives it. */
export type PriceMsg = {
  readonly type: 'price';
  readonly symbol: string;
  readonly price: number;
  readonly at: number;
};

/** Where a symbol's prices are published; the board listens to all of them. */
export const priceTopic = (symbol: string): Topic => topic('demo', 'price', symbol);
export const ALL_PRICES = topicPattern('demo.price.*');

export const tickerProtocol = protocol({ tick: {}, get: {} });

export const boardProtocol = protocol({
  price: { symbol: z.string(), price: z.number(), at: z.number() },
  get: {},
});

/** What a ticker answers to `get`. */
export interface TickerView {
  symbol: string;
  price: number;
  ticks: number;
}

/** One symbol's line on the board. */
export interface BoardLine {
  last: number;
  at: number;
  ticks: number;
  min: number;
  max: number;
}

/** What the board answers to `get`: a line per symbol and the ticks seen over all of them. */
export interface BoardView {
  symbols: Record<string, BoardLine>;
  ticks: number;
}
