import { bucketStart, timeframeMs, type Timeframe } from '../timeframes.ts';
import type { Bar, Candle } from './candle.ts';

type Forming = { -readonly [K in keyof Candle]: Candle[K] };

/**
 * Builds the candles of one timeframe from prints or from finer bars, in O(1) per input and
 * without allocating except when a candle closes. Inputs must come in time order (the symbol
 * actor drops out-of-order prints before they get here); a bucket with no input produces no
 * candle: gaps are reported elsewhere, never filled.
 */
export class CandleBuilder {
  private forming: Forming | null = null;

  constructor(readonly tf: Timeframe) {}

  /** Adds a print; returns the candle it closed (the print opened a later bucket), else null. */
  addPrint(time: number, price: number, volume: number): Candle | null {
    const closed = this.rollTo(bucketStart(time, this.tf));
    const f = this.forming;
    if (f === null) this.forming = this.open(time, price, price, price, price, volume, 1);
    else {
      if (price > f.high) f.high = price;
      if (price < f.low) f.low = price;
      f.close = price;
      f.volume += volume;
      f.prints++;
    }
    return closed;
  }

  /** Adds a whole finer bar (e.g. 1m into 1h); returns the candle it closed, else null. */
  addBar(bar: Bar): Candle | null {
    const closed = this.rollTo(bucketStart(bar.openTime, this.tf));
    const f = this.forming;
    if (f === null) this.forming = this.open(bar.openTime, bar.open, bar.high, bar.low, bar.close, bar.volume, 1);
    else {
      if (bar.high > f.high) f.high = bar.high;
      if (bar.low < f.low) f.low = bar.low;
      f.close = bar.close;
      f.volume += bar.volume;
      f.prints++;
    }
    return closed;
  }

  /** Time moved on with no print: closes the forming candle once `time` is past its end. */
  closeAt(time: number): Candle | null {
    const f = this.forming;
    if (f === null || time < f.openTime + timeframeMs(this.tf)) return null;
    this.forming = null;
    return { ...f };
  }

  /** The candle forming now (a copy), or null between candles. */
  get current(): Candle | null {
    return this.forming && { ...this.forming };
  }

  getState(): { tf: Timeframe; forming: Candle | null } {
    return { tf: this.tf, forming: this.current };
  }

  static restore(state: { tf: Timeframe; forming: Candle | null }): CandleBuilder {
    const b = new CandleBuilder(state.tf);
    b.forming = state.forming && { ...state.forming };
    return b;
  }

  private rollTo(start: number): Candle | null {
    const f = this.forming;
    if (f === null || start === f.openTime) return null;
    if (start < f.openTime) throw new RangeError(`${this.tf} candle input at ${start} is before the forming candle at ${f.openTime}`);
    this.forming = null;
    return { ...f };
  }

  private open(time: number, open: number, high: number, low: number, close: number, volume: number, prints: number): Forming {
    return { tf: this.tf, openTime: bucketStart(time, this.tf), open, high, low, close, volume, prints };
  }
}
