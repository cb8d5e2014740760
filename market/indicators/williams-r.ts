import { z } from 'zod';
import { assertPeriod, BarIndicator } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';
import { WindowExtremes } from './window-extremes.ts';

const williamsRStateSchema = z.object({ period: z.number(), highs: z.unknown(), lows: z.unknown() });
export type WilliamsRState = z.infer<typeof williamsRStateSchema>;

/**
 * Williams %R, TA-Lib's WILLR: -100 * (highest high - close) / (highest high - lowest low) over
 * `period` bars, from 0 (close at the high) to -100 (at the low). Lookback period - 1. A window
 * with no range gives 0, as in TA-Lib. The extremes come from `WindowExtremes`: O(1) per bar.
 */
export class WilliamsR extends BarIndicator<number, WilliamsRState> {
  readonly lookback: number;
  private window: WindowExtremes;

  constructor(readonly period = 14) {
    super();
    assertPeriod('Williams %R period', period);
    this.lookback = period - 1;
    this.window = new WindowExtremes(period);
  }

  get isStable(): boolean {
    return this.window.pushed > this.lookback;
  }

  /** `update` (commit) or `preview`, of a bar already checked finite: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): number | null {
    let value: number | null = null;
    if (this.window.pushed >= this.lookback) {
      const highest = this.window.highestWith(bar.high);
      const lowest = this.window.lowestWith(bar.low);
      // TA-Lib's form: divide by range / -100, so the rounding matches it.
      const range = (highest - lowest) / -100;
      value = range !== 0 ? (highest - bar.close) / range : 0;
    }
    if (commit) this.window.push(bar.high, bar.low);
    return value;
  }

  getState(): WilliamsRState {
    return { period: this.period, ...this.window.getState() };
  }

  static restore(state: unknown): WilliamsR {
    const s = williamsRStateSchema.parse(state);
    const willr = new WilliamsR(s.period);
    willr.window = WindowExtremes.restore(s.highs, s.lows, s.period);
    return willr;
  }
}
