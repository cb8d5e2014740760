import { z } from 'zod';
import { address, protocol, topic, type Address, type Topic } from '../../engine/index.ts';
import { tradeUpdateShape } from '../account/messages.ts';
import type { BookState } from '../../strategies/book.ts';
import type { StrategyConfig } from '../../strategies/config.ts';
import type { Signal } from '../../strategies/signal.ts';
import type { Position } from '../../strategies/strategy.ts';

/**
 * What a strategy actor hears: the market's topics as their publishers write them (every field
 * named, since a protocol is strict), with the nested candle, indicator row, forecast and order
 * left to the handlers, which check the part they read. `ack` is what the order route
 * (relay.ts) tells back about a submit; `view` is the edge's ask.
 */
export const strategyProtocol = protocol({
  candle: { symbol: z.string(), closed: z.boolean(), candle: z.unknown() },
  indicators: { symbol: z.string(), tf: z.string(), openTime: z.number(), closed: z.boolean(), values: z.unknown() },
  forecast: {
    symbol: z.string(),
    tf: z.string(),
    horizon: z.number(),
    model: z.string(),
    modelId: z.string(),
    modelVersion: z.number(),
    openTime: z.number(),
    madeAt: z.number(),
    targetTime: z.number(),
    price: z.number(),
    predictedPrice: z.number(),
    predictedReturn: z.number(),
    low: z.number(),
    high: z.number(),
    q10: z.number(),
    q50: z.number(),
    q90: z.number(),
    confidence: z.number(),
    direction: z.string(),
  },
  // The order is checked by the handler, which counts and names a bad one (events.ts checkOrder).
  trade_update: { ...tradeUpdateShape, order: z.unknown() },
  ack: { clientOrderId: z.string(), ok: z.boolean(), status: z.string().nullable(), code: z.string().nullable(), message: z.string().nullable() },
  view: { signals: z.number().int().min(0).max(500).optional() },
});

export const strategyProps = z.object({
  /** The config as validated by startStrategy (the actor checks it again: props cross a worker boundary). */
  config: z.unknown(),
  /** The SQLite file of the signals and strategies tables; none: signals are only published. */
  db: z.string().min(1).optional(),
  /** Warm the indicators up from this candle store's newest candles before hearing the market. */
  warmFrom: z.string().min(1).optional(),
  /** How many recent signals the actor keeps in memory for `view`. */
  recent: z.number().int().min(0).max(1_000).default(50),
});
export type StrategyProps = z.output<typeof strategyProps>;

export const strategyAddress = (id: string): Address => address('strategy', id);

/**
 * The strategy topics, beside market/topics.ts:
 * - `signal.<strategyId>`: each signal as it is sent, and again as its order is accepted, rejected or filled;
 * - `intent.<strategyId>`: the orders a strategy wants placed, for the order route (relay.ts).
 */
export const signalTopic = (strategyId: string): Topic => topic('signal', strategyId);
export const intentTopic = (strategyId: string): Topic => topic('intent', strategyId);

export type SignalMsg = { type: 'signal' } & Signal;

/** An order for `account/<accountId>`: the submit ask's fields, and who to tell the answer. */
export type IntentMsg = {
  type: 'intent';
  strategyId: string;
  accountId: string;
  clientOrderId: string;
  /** Alpaca's POST /v2/orders body. */
  order: Record<string, unknown>;
  /** The decision's close and time: the account's price for a symbol it has not heard yet, and its market time. */
  price: number | null;
  time: number;
};

export interface StrategyStats {
  /** Closed candles, indicator rows, forecasts and fills heard (one heard again included: the runner ignores it). */
  events: number;
  signals: number;
  /** Intents the runner refused (long-only with nothing held, a bad intent); `rejected`: orders the account refused. */
  skipped: number;
  rejected: number;
  fills: number;
  /** Hooks that threw. */
  errors: number;
  /** Messages that were not what their topic promises (never decided on). */
  badEvents: number;
  lastError: string | null;
  /** The market time of the last event decided on. */
  time: number | null;
  /** Closed candles replayed from the store at start. */
  warmedCandles: number;
}

/** What `view` answers: everything `GET /api/strategies/{id}` shows. */
export interface StrategyView {
  id: string;
  config: StrategyConfig;
  state: { cash: number | null; equity: number | null; realizedPnl: number; pending: BookState['pending']; stats: StrategyStats };
  positions: (Position & { price: number | null; marketValue: number | null; unrealizedPnl: number | null })[];
  signals: Signal[];
}
