import type { Timeframe } from '../timeframes.ts';

/** A bar as read from a venue or a file: the prices and volume of a known interval. */
export interface Bar {
  /** The interval's start, epoch ms UTC. */
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** A candle Tickflow built: a bar of timeframe `tf`, bucket-aligned, and how many prices made it. */
export interface Candle extends Bar {
  readonly tf: Timeframe;
  readonly prints: number;
}
