import type { z } from 'zod';
import type { Bar } from '../market/candles/candle.ts';
import type { IndicatorRow } from '../market/indicators/index.ts';
import type { Timeframe } from '../market/timeframes.ts';
import type { StrategyConfig } from './config.ts';

/**
 * The strategy interface. A strategy is plain decision logic: it hears closed candles, indicator
 * rows, forecasts and its own fills, and answers with order intents. It never sends anything,
 * reads no clock and does no I/O, so the same object runs in the strategy actor (live, paper,
 * replay) and in a plain loop, and is tested as a function.
 *
 * Every hook is optional (no-op by default); a strategy hears only the events it has a hook for.
 * `getState` makes restarts exact: the actor snapshots it and hands it back to `create`.
 */
export interface Strategy {
  /** A closed candle of one of the config's symbols and timeframes. */
  onCandle?(event: CandleEvent, ctx: StrategyContext): Intents;
  /** The default indicator row (market/indicators IndicatorSet) of a closed candle. */
  onIndicators?(event: IndicatorsEvent, ctx: StrategyContext): Intents;
  /** A model's forecast for a symbol, made at the close of a candle of the decision timeframe. */
  onForecast?(event: ForecastEvent, ctx: StrategyContext): Intents;
  /** A fill of one of this strategy's orders; the context already counts it. */
  onFill?(event: FillEvent, ctx: StrategyContext): Intents;
  /** Everything the strategy carries between events, as plain JSON. */
  getState?(): unknown;
}

/** What a hook answers: order intents, or nothing. */
export type Intents = readonly OrderIntent[] | undefined | void;

/**
 * How a strategy is made: its name, the schema of its `params`, and `create`, which is called
 * once per start with the checked params, and with the state `getState` gave when resuming.
 * A module of your own exports one of these as `default` or as `strategy` (strategies/module.ts).
 */
export interface StrategyDefinition<P = unknown> {
  readonly name: string;
  /** Checks and defaults the config's `params`; without it the params go through as given. */
  readonly params?: z.ZodType<P>;
  create(init: StrategyInit<P>): Strategy;
}

export interface StrategyInit<P> {
  readonly params: P;
  readonly config: StrategyConfig;
  /** What `getState()` returned, when resuming after a restart; undefined on a fresh start. */
  readonly state?: unknown;
}

/** A closed candle. `time` is when it closed (openTime + its duration): the decision time. */
export interface CandleEvent {
  readonly symbol: string;
  readonly tf: Timeframe;
  readonly candle: Bar;
  readonly time: number;
}

export interface IndicatorsEvent {
  readonly symbol: string;
  readonly tf: Timeframe;
  readonly openTime: number;
  readonly time: number;
  readonly values: IndicatorRow;
}

/** The part of `forecast.<SYMBOL>.<tf>` (actors/forecast ForecastMsg) a strategy reads. */
export interface ForecastEvent {
  readonly symbol: string;
  readonly tf: Timeframe;
  readonly model: string;
  readonly horizon: number;
  /** The candle the forecast was made at the close of. */
  readonly openTime: number;
  readonly madeAt: number;
  readonly targetTime: number;
  readonly price: number;
  readonly predictedPrice: number;
  /** Simple return from `price` to the predicted price. */
  readonly predictedReturn: number;
  readonly low: number;
  readonly high: number;
  /** 0..1: how narrow the model's band is against volatility's (0.5: as wide). */
  readonly confidence: number;
  readonly direction: 'up' | 'down' | 'flat';
}

/** One fill of one of the strategy's orders. */
export interface FillEvent {
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  readonly time: number;
  readonly clientOrderId: string;
  /** The intent's reason, carried by the order: `entry`, `stop-loss`, ... */
  readonly reason: string;
}

export type Side = 'buy' | 'sell';

/**
 * An order the strategy wants. The runner gives it a deterministic client_order_id (strategy id,
 * decision time, index), checks it against `direction` (long-only never sells more than it holds),
 * and the actor turns it into an Alpaca POST /v2/orders body for the account.
 */
export interface OrderIntent {
  readonly symbol: string;
  readonly side: Side;
  /** Positive; rounded down to the sizing lot. */
  readonly qty: number;
  /** Default market. */
  readonly type?: 'market' | 'limit' | 'stop';
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  /** Default gtc. */
  readonly timeInForce?: 'gtc' | 'day' | 'ioc' | 'fok';
  /** Why, in a few words: stored with the signal (`sma 10 crossed above sma 30`). */
  readonly reason: string;
}

/** A position of the strategy's own (the account may hold other strategies' too). */
export interface Position {
  readonly symbol: string;
  /** Signed: below 0 is short. */
  readonly qty: number;
  readonly avgEntryPrice: number;
}

/**
 * What a strategy sees while it decides. Positions and cash are the strategy's own book, kept
 * from its fills (fees are the account's business: its cash is the truth). Equity marks the
 * positions at the last close heard.
 */
export interface StrategyContext {
  readonly id: string;
  readonly config: StrategyConfig;
  /** The market time of the event (a candle's close): every decision is stamped with it. */
  readonly time: number;
  /** `config.capital` plus what the fills moved, or NaN without a capital. */
  readonly cash: number;
  readonly equity: number;
  readonly positions: Readonly<Record<string, Position>>;
  /** The filled position, signed; 0 when flat. */
  position(symbol: string): number;
  /** The signed quantity of orders sent and not yet filled, canceled or rejected. */
  pending(symbol: string): number;
  /** What the position will be once the pending orders fill: what "flat" and "long" are judged on. */
  exposure(symbol: string): number;
  /** The last close heard of a symbol, on any timeframe. */
  price(symbol: string): number | undefined;
  /** The quantity `config.sizing` gives an entry in `symbol` at `price` (default: the last close); 0 when it cannot say. */
  size(symbol: string, price?: number): number;
}
