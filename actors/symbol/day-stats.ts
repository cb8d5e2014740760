import type { Candle } from '../../market/candles/candle.ts';

export interface DayStats {
  /** The price 24h ago: the close before the window, or its first open when history is shorter. */
  open: number;
  last: number;
  changePct: number;
  high: number;
  low: number;
  volume: number;
}

/**
 * Rolling 24h statistics at the granularity of one timeframe: the last `length` candles, the
 * forming one included (24 hourly candles; one daily candle for a symbol with daily data only),
 * changed against the close just before them. O(length) to read, nothing per print, at most
 * 25 candles of memory per symbol.
 */
export class DayWindow {
  constructor(
    private readonly length: number,
    private candles: Candle[] = [],
  ) {}

  add(c: Candle): void {
    this.candles.push(c);
    if (this.candles.length > this.length + 1) this.candles.shift();
  }

  stats(forming: Candle | null): DayStats | null {
    const closed = this.candles;
    const inWindow = forming ? this.length - 1 : this.length;
    const start = Math.max(0, closed.length - inWindow);
    const window = forming ? [...closed.slice(start), forming] : closed.slice(start);
    const first = window[0];
    const last = window.at(-1);
    if (!first || !last) return null;
    const open = start > 0 ? closed[start - 1]!.close : first.open;
    let high = -Infinity;
    let low = Infinity;
    let volume = 0;
    for (const c of window) {
      if (c.high > high) high = c.high;
      if (c.low < low) low = c.low;
      volume += c.volume;
    }
    return { open, last: last.close, changePct: ((last.close - open) / open) * 100, high, low, volume };
  }

  getState(): Candle[] {
    return [...this.candles];
  }
}
