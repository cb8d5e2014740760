import type { Timeframe } from '../timeframes.ts';

/** One OHLCV candle. `openTime` is the bucket start (epoch ms, UTC); `prints` how many prices made it. */
export interface Candle {
  readonly tf: Timeframe;
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly prints: number;
}

/** A bar as read from a venue or a file: a candle of a known duration without its bookkeeping. */
export interface Bar {
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}
