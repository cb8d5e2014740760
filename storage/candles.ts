import type { Bar, Candle } from '../market/candles/candle.ts';
import type { Timeframe } from '../market/timeframes.ts';

/** A value now (an embedded store) or later (a networked one); callers that must work with both await it. */
export type Awaitable<T> = T | Promise<T>;

/** A bar to store: a built candle carries its `prints`; a bar read whole from a file has none (stored as 0). */
export type StorableBar = Bar & { readonly prints?: number };

/**
 * Which candles of one series to read, by open time (epoch ms). `from` is inclusive and `to`
 * exclusive, like every range in market/. With `from`, `limit` keeps the earliest N from there;
 * without it, the latest N (before `to` when given), the usual "last N candles" of a chart or an
 * indicator warm-up. Results are always in ascending time.
 */
export interface CandleRange {
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
}

/**
 * Persistent candles, keyed by (symbol, timeframe, open time). Writing a candle that is already
 * there replaces it, so re-importing a file or re-closing a candle after a restart is harmless.
 * storage/candles.contract.ts holds the behaviour every implementation must pass.
 */
export interface CandleRepository {
  /** Stores the candles atomically (all or none); returns how many were written. */
  writeCandles(symbol: string, tf: Timeframe, candles: readonly StorableBar[]): Awaitable<number>;
  candles(symbol: string, tf: Timeframe, range?: CandleRange): Awaitable<Candle[]>;
  /** The candle with the latest open time, or undefined for an empty series. */
  latest(symbol: string, tf: Timeframe): Awaitable<Candle | undefined>;
  /** How many candles are stored, in all, for one symbol, or for one series. */
  count(symbol?: string, tf?: Timeframe): Awaitable<number>;
}
