import { z } from 'zod';
import { assertPeriod, BarIndicator } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';
import { trueRange } from './ta-lib-math.ts';

const atrStateSchema = z.object({
  period: z.number(),
  seen: z.number().int().min(0),
  previousClose: z.number().nullable(),
  average: z.number(),
});
export type AtrState = z.infer<typeof atrStateSchema>;

/**
 * Average true range with Wilder smoothing, TA-Lib's ATR. True range needs the previous close,
 * so the first one is at bar index 1; the first ATR is the mean of the first `period` true
 * ranges, at bar index `period` (the lookback); then ATR = (ATR * (period - 1) + TR) / period.
 */
export class Atr extends BarIndicator<number, AtrState> {
  readonly lookback: number;
  private seen = 0;
  private previousClose: number | null = null;
  /** Sum of true ranges while warming up, the Wilder average afterwards. */
  private average = 0;

  constructor(readonly period = 14) {
    super();
    assertPeriod('ATR period', period, 1);
    this.lookback = period;
  }

  get isStable(): boolean {
    return this.seen > this.lookback;
  }

  /** `update` (commit) or `preview`, of a bar already checked finite: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): number | null {
    let average = 0;
    let value: number | null = null;
    if (this.previousClose !== null) {
      const tr = trueRange(bar.high, bar.low, this.previousClose);
      const n = this.period;
      // TA-Lib's order: the seed is sum / n; later ((ATR * (n - 1)) + TR) / n.
      if (this.seen < n) average = this.average + tr;
      else value = average = this.seen === n ? (this.average + tr) / n : (this.average * (n - 1) + tr) / n;
    }
    if (commit) {
      this.seen++;
      this.previousClose = bar.close;
      this.average = average;
    }
    return value;
  }

  getState(): AtrState {
    return { period: this.period, seen: this.seen, previousClose: this.previousClose, average: this.average };
  }

  static restore(state: unknown): Atr {
    const s = atrStateSchema.parse(state);
    const atr = new Atr(s.period);
    atr.seen = s.seen;
    atr.previousClose = s.previousClose;
    atr.average = s.average;
    return atr;
  }
}
