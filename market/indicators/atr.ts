import { z } from 'zod';
import { assertPeriod, type Indicator } from './indicator.ts';
import { assertFiniteBar, type Ohlcv } from './ohlcv.ts';
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
export class Atr implements Indicator<number, AtrState> {
  readonly lookback: number;
  private seen = 0;
  private previousClose: number | null = null;
  /** Sum of true ranges while warming up, the Wilder average afterwards. */
  private average = 0;

  constructor(readonly period = 14) {
    assertPeriod('ATR period', period, 1);
    this.lookback = period;
  }

  get isStable(): boolean {
    return this.seen > this.lookback;
  }

  update(bar: Ohlcv): number | null {
    const next = this.step(bar);
    this.seen++;
    this.previousClose = bar.close;
    this.average = next.average;
    return next.value;
  }

  preview(bar: Ohlcv): number | null {
    return this.step(bar).value;
  }

  private step(bar: Ohlcv): { average: number; value: number | null } {
    assertFiniteBar(bar);
    if (this.previousClose === null) return { average: 0, value: null };
    const tr = trueRange(bar.high, bar.low, this.previousClose);
    const n = this.period;
    if (this.seen < n) return { average: this.average + tr, value: null };
    // TA-Lib's order: the seed is sum / n; later ((ATR * (n - 1)) + TR) / n.
    const average = this.seen === n ? (this.average + tr) / n : (this.average * (n - 1) + tr) / n;
    return { average, value: average };
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
