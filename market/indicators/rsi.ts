import { z } from 'zod';
import { assertPeriod, BarIndicator } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';
import { isZero } from './ta-lib-math.ts';

const rsiStateSchema = z.object({
  period: z.number(),
  seen: z.number().int().min(0),
  previousClose: z.number().nullable(),
  gain: z.number(),
  loss: z.number(),
});
export type RsiState = z.infer<typeof rsiStateSchema>;

/**
 * Relative strength index of closes with Wilder smoothing, TA-Lib's RSI. The first average
 * gain and loss are plain means of the first `period` changes; after that each is
 * (previous * (period - 1) + today) / period. Lookback `period`: the first value comes with
 * bar index period. When average gain + loss is zero (a flat market) the value is 0, as in
 * TA-Lib.
 */
export class Rsi extends BarIndicator<number, RsiState> {
  readonly lookback: number;
  private seen = 0;
  private previousClose: number | null = null;
  /** Sums of gains and losses while warming up, Wilder averages afterwards. */
  private gain = 0;
  private loss = 0;

  constructor(readonly period = 14) {
    super();
    assertPeriod('RSI period', period);
    this.lookback = period;
  }

  get isStable(): boolean {
    return this.seen > this.lookback;
  }

  /** `update` (commit) or `preview`, of a bar already checked finite: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): number | null {
    if (this.previousClose === null) {
      if (commit) this.advance(bar, this.gain, this.loss);
      return null;
    }
    let { gain, loss } = this;
    const change = bar.close - this.previousClose;
    const n = this.period;
    const smoothing = this.seen > n;
    if (smoothing) {
      loss *= n - 1;
      gain *= n - 1;
    }
    if (change < 0) loss -= change;
    else gain += change;
    if (this.seen < n) {
      if (commit) this.advance(bar, gain, loss);
      return null;
    }
    loss /= n;
    gain /= n;
    if (commit) this.advance(bar, gain, loss);
    const total = gain + loss;
    return isZero(total) ? 0 : 100 * (gain / total);
  }

  private advance(bar: Ohlcv, gain: number, loss: number): void {
    this.seen++;
    this.previousClose = bar.close;
    this.gain = gain;
    this.loss = loss;
  }

  getState(): RsiState {
    return { period: this.period, seen: this.seen, previousClose: this.previousClose, gain: this.gain, loss: this.loss };
  }

  static restore(state: unknown): Rsi {
    const s = rsiStateSchema.parse(state);
    const rsi = new Rsi(s.period);
    rsi.seen = s.seen;
    rsi.previousClose = s.previousClose;
    rsi.gain = s.gain;
    rsi.loss = s.loss;
    return rsi;
  }
}
