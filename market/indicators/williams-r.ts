import { z } from 'zod';
import { assertPeriod, type Indicator } from './indicator.ts';
import { assertFiniteBar, type Ohlcv } from './ohlcv.ts';
import { RingWindow } from './ring-window.ts';

const williamsRStateSchema = z.object({ period: z.number(), highs: z.unknown(), lows: z.unknown() });
export type WilliamsRState = z.infer<typeof williamsRStateSchema>;

/**
 * Williams %R, TA-Lib's WILLR: -100 * (highest high - close) / (highest high - lowest low) over
 * `period` bars, from 0 (close at the high) to -100 (at the low). Lookback period - 1. A window
 * with no range gives 0, as in TA-Lib. The extremes are rescanned over the fixed window.
 */
export class WilliamsR implements Indicator<number, WilliamsRState> {
  readonly lookback: number;
  private highs: RingWindow;
  private lows: RingWindow;

  constructor(readonly period = 14) {
    assertPeriod('Williams %R period', period);
    this.lookback = period - 1;
    this.highs = new RingWindow(period);
    this.lows = new RingWindow(period);
  }

  get isStable(): boolean {
    return this.highs.pushed > this.lookback;
  }

  update(bar: Ohlcv): number | null {
    const value = this.preview(bar);
    this.highs.push(bar.high);
    this.lows.push(bar.low);
    return value;
  }

  preview(bar: Ohlcv): number | null {
    assertFiniteBar(bar);
    if (this.highs.pushed < this.lookback) return null;
    const highest = this.highs.maxWith(bar.high);
    const lowest = this.lows.minWith(bar.low);
    // TA-Lib's form: divide by range / -100, so the rounding matches it.
    const range = (highest - lowest) / -100;
    return range !== 0 ? (highest - bar.close) / range : 0;
  }

  getState(): WilliamsRState {
    return { period: this.period, highs: this.highs.getState(), lows: this.lows.getState() };
  }

  static restore(state: unknown): WilliamsR {
    const s = williamsRStateSchema.parse(state);
    const willr = new WilliamsR(s.period);
    willr.highs = RingWindow.restore(s.highs, s.period);
    willr.lows = RingWindow.restore(s.lows, s.period);
    return willr;
  }
}
