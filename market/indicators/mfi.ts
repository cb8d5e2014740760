import { z } from 'zod';
import { assertPeriod, BarIndicator } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';
import { RingWindow } from './ring-window.ts';
import { typicalPrice } from './ta-lib-math.ts';

const mfiStateSchema = z.object({
  period: z.number(),
  previousTypical: z.number().nullable(),
  positiveSum: z.number(),
  negativeSum: z.number(),
  positive: z.unknown(),
  negative: z.unknown(),
});
export type MfiState = z.infer<typeof mfiStateSchema>;

/**
 * Money flow index, TA-Lib's MFI. Money flow = TP * volume, TP = (high + low + close) / 3; it
 * counts as positive when TP rose from the previous bar, negative when it fell, and as neither
 * when TP is unchanged (TA-Lib). MFI = 100 * positive / (positive + negative) over the last
 * `period` flows, so lookback `period` (the first flow needs a previous bar). As in TA-Lib, a
 * total flow below 1.0 gives 0, which also covers a flat or volumeless window.
 * Running sums in TA-Lib's order: drop the oldest flow, then add the new one.
 */
export class Mfi extends BarIndicator<number, MfiState> {
  readonly lookback: number;
  private previousTypical: number | null = null;
  private positiveSum = 0;
  private negativeSum = 0;
  private positive: RingWindow;
  private negative: RingWindow;

  constructor(readonly period = 14) {
    super();
    assertPeriod('MFI period', period);
    this.lookback = period;
    this.positive = new RingWindow(period);
    this.negative = new RingWindow(period);
  }

  get isStable(): boolean {
    return this.positive.pushed >= this.period;
  }

  /** `update` (commit) or `preview`, of a bar already checked finite: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): number | null {
    const typical = typicalPrice(bar.high, bar.low, bar.close);
    if (this.previousTypical === null) {
      if (commit) this.previousTypical = typical;
      return null;
    }
    let { positiveSum, negativeSum } = this;
    if (this.positive.pushed >= this.period) {
      positiveSum -= this.positive.oldest();
      negativeSum -= this.negative.oldest();
    }
    const change = typical - this.previousTypical;
    const money = typical * bar.volume;
    if (change > 0) positiveSum += money;
    else if (change < 0) negativeSum += money;
    let value: number | null = null;
    if (this.positive.pushed + 1 >= this.period) {
      const total = positiveSum + negativeSum;
      value = total < 1 ? 0 : 100 * (positiveSum / total);
    }
    if (commit) {
      this.positive.push(change > 0 ? money : 0);
      this.negative.push(change < 0 ? money : 0);
      this.positiveSum = positiveSum;
      this.negativeSum = negativeSum;
      this.previousTypical = typical;
    }
    return value;
  }

  getState(): MfiState {
    return {
      period: this.period,
      previousTypical: this.previousTypical,
      positiveSum: this.positiveSum,
      negativeSum: this.negativeSum,
      positive: this.positive.getState(),
      negative: this.negative.getState(),
    };
  }

  static restore(state: unknown): Mfi {
    const s = mfiStateSchema.parse(state);
    const mfi = new Mfi(s.period);
    mfi.previousTypical = s.previousTypical;
    mfi.positiveSum = s.positiveSum;
    mfi.negativeSum = s.negativeSum;
    mfi.positive = RingWindow.restore(s.positive, s.period);
    mfi.negative = RingWindow.restore(s.negative, s.period);
    return mfi;
  }
}
