import { barPath, printOffsets } from '../candles/bar-path.ts';
import type { Bar } from '../candles/candle.ts';

export { barPath };

/**
 * What the book is matched against: a trade print, or a whole bar when only bars exist
 * (a backtest on 1m or daily data). Times are epoch ms; a bar's `durationMs` places its path.
 */
export type MarketEvent =
  | { readonly kind: 'tick'; readonly time: number; readonly price: number; readonly size: number }
  | { readonly kind: 'bar'; readonly bar: Bar; readonly durationMs: number };

/**
 * One price on an event's path. `continuous` says the price moved to here from the previous point
 * through every price in between (inside a bar); otherwise it jumped (a new print, a bar's open).
 */
export interface PathPoint {
  readonly price: number;
  readonly time: number;
  readonly continuous: boolean;
}

/** The path's times: the bar's open plus the replay's print offsets (market/candles/bar-path.ts). */
export function barPathTimes(openTime: number, durationMs: number): readonly [number, number, number, number] {
  const [a, b, c, d] = printOffsets(durationMs);
  return [openTime + a, openTime + b, openTime + c, openTime + d];
}

/** The event as points in time order; throws on data no venue sends (the symbol actor checked it). */
export function pathOf(event: MarketEvent, symbol: string): PathPoint[] {
  if (event.kind === 'tick') {
    const { time, price, size } = event;
    if (!Number.isFinite(time) || !(price > 0) || !Number.isFinite(price) || !(size >= 0) || !Number.isFinite(size)) {
      throw new RangeError(`Invalid tick for ${symbol}: price ${price}, size ${size} at ${time}`);
    }
    return [{ price, time, continuous: false }];
  }
  const { bar, durationMs } = event;
  const finite = [bar.openTime, bar.open, bar.high, bar.low, bar.close, bar.volume].every(Number.isFinite);
  if (!finite || !(bar.low > 0) || bar.high < Math.max(bar.open, bar.close) || bar.low > Math.min(bar.open, bar.close) || bar.volume < 0) {
    throw new RangeError(`Invalid bar for ${symbol} at ${bar.openTime}: O ${bar.open} H ${bar.high} L ${bar.low} C ${bar.close} V ${bar.volume}`);
  }
  if (!(Number.isInteger(durationMs) && durationMs >= 4)) throw new RangeError(`Invalid bar duration for ${symbol}: ${durationMs} ms`);
  const prices = barPath(bar);
  const times = barPathTimes(bar.openTime, durationMs);
  return prices.map((price, k) => ({ price, time: times[k]!, continuous: k > 0 }));
}

export const eventVolume = (event: MarketEvent): number => (event.kind === 'tick' ? event.size : event.bar.volume);
export const eventTime = (event: MarketEvent): number => (event.kind === 'tick' ? event.time : event.bar.openTime);
