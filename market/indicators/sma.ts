import { z } from 'zod';
import { assertPeriod, BarIndicator } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';
import { RingWindow, ringWindowStateSchema } from './ring-window.ts';

const smaStateSchema = z.object({ period: z.number(), partial: z.number(), window: ringWindowStateSchema });
export type SmaState = z.infer<typeof smaStateSchema>;

/**
 * Simple moving average of closes (TA-Lib SMA). Lookback period - 1: the first value comes
 * with bar index period - 1. `push`/`peek` take plain numbers, for indicators built on an SMA.
 */
export class Sma extends BarIndicator<number, SmaState> {
  readonly lookback: number;
  private ring: RingWindow;
  /**
   * Sum of the newest period - 1 values. TA-Lib adds the new value, divides, then drops the
   * oldest; keeping the same running total rounds exactly as it does, in O(1) per bar.
   */
  private partial = 0;

  constructor(readonly period = 20) {
    super();
    assertPeriod('SMA period', period);
    this.lookback = period - 1;
    this.ring = new RingWindow(period);
  }

  get isStable(): boolean {
    return this.ring.pushed > this.lookback;
  }

  /** The values averaged, for indicators that need more than their mean (Bollinger's σ). */
  get window(): RingWindow {
    return this.ring;
  }

  /** `update` (commit) or `preview`, of a bar already checked finite: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): number | null {
    return commit ? this.push(bar.close) : this.peek(bar.close);
  }

  push(x: number): number | null {
    const total = this.partial + x;
    const value = this.ring.pushed >= this.lookback ? total / this.period : null;
    this.ring.push(x);
    this.partial = value === null ? total : total - this.ring.oldest();
    return value;
  }

  peek(x: number): number | null {
    return this.ring.pushed >= this.lookback ? (this.partial + x) / this.period : null;
  }

  getState(): SmaState {
    return { period: this.period, partial: this.partial, window: this.ring.getState() };
  }

  static restore(state: unknown): Sma {
    const s = smaStateSchema.parse(state);
    const sma = new Sma(s.period);
    sma.ring = RingWindow.restore(s.window, s.period);
    sma.partial = s.partial;
    return sma;
  }
}
