import { z } from 'zod';
import { assertPeriod, BarIndicator } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';
import { RingWindow } from './ring-window.ts';
import { typicalPrice } from './ta-lib-math.ts';

const cciStateSchema = z.object({ period: z.number(), typicalPrices: z.unknown() });
export type CciState = z.infer<typeof cciStateSchema>;

/** Lambert's constant: scales CCI so that most values fall within ±100. */
const LAMBERT = 0.015;

/**
 * Commodity channel index, TA-Lib's CCI: (TP - mean TP) / (0.015 * mean absolute deviation of
 * TP) over `period` bars, TP = (high + low + close) / 3. Lookback period - 1. When either the
 * deviation from the mean or the mean deviation is 0 the value is 0, as in TA-Lib.
 *
 * The mean deviation moves with the mean, so no running sum gives it: each bar rescans the
 * fixed window, as TA-Lib does. Sums are taken relative to the newest TP; TA-Lib's plain mean
 * of 20 equal prices can miss the price by an ulp, which turns a flat window into ±66.67
 * instead of its own intended 0. Elsewhere both agree to rounding.
 */
export class Cci extends BarIndicator<number, CciState> {
  readonly lookback: number;
  private typicalPrices: RingWindow;

  constructor(readonly period = 20) {
    super();
    assertPeriod('CCI period', period);
    this.lookback = period - 1;
    this.typicalPrices = new RingWindow(period);
  }

  get isStable(): boolean {
    return this.typicalPrices.pushed > this.lookback;
  }

  /** `update` (commit) or `preview`, of a bar already checked finite: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): number | null {
    const tp = typicalPrice(bar.high, bar.low, bar.close);
    const value = this.valueWith(tp);
    if (commit) this.typicalPrices.push(tp);
    return value;
  }

  private valueWith(tp: number): number | null {
    const window = this.typicalPrices;
    if (window.pushed < this.lookback) return null;
    const n = this.period;
    const meanOffset = window.offsetSumWith(tp) / n; // mean TP - newest TP
    const deviations = window.absoluteDeviationsWith(tp, meanOffset);
    const fromMean = -meanOffset; // newest TP - mean TP
    return fromMean !== 0 && deviations !== 0 ? fromMean / (LAMBERT * (deviations / n)) : 0;
  }

  getState(): CciState {
    return { period: this.period, typicalPrices: this.typicalPrices.getState() };
  }

  static restore(state: unknown): Cci {
    const s = cciStateSchema.parse(state);
    const cci = new Cci(s.period);
    cci.typicalPrices = RingWindow.restore(s.typicalPrices, s.period);
    return cci;
  }
}
