import { z } from 'zod';
import { assertPeriod, BarIndicator } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';

const emaStateSchema = z
  .object({ period: z.number(), seen: z.number().int().min(0), seedSum: z.number(), value: z.number().nullable() })
  .refine((s) => (s.value === null) === (s.seen < s.period), 'an EMA has a value exactly once it has seen `period` values');
export type EmaState = z.infer<typeof emaStateSchema>;

/**
 * Exponential moving average of closes, TA-Lib's EMA: k = 2 / (period + 1), seeded with the
 * SMA of the first `period` values. Lookback period - 1: the seed is the first value.
 * `push`/`peek` take plain numbers, for MACD and its signal line.
 */
export class Ema extends BarIndicator<number, EmaState> {
  readonly lookback: number;
  /** TA-Lib's PER_TO_K, computed the same way so that k rounds identically. */
  readonly k: number;
  private seen = 0;
  private seedSum = 0;
  private value: number | null = null;

  constructor(readonly period = 20) {
    super();
    assertPeriod('EMA period', period);
    this.lookback = period - 1;
    this.k = 2 / (period + 1);
  }

  get isStable(): boolean {
    return this.value !== null;
  }

  /** `update` (commit) or `preview`, of a bar already checked finite: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): number | null {
    return commit ? this.push(bar.close) : this.peek(bar.close);
  }

  push(x: number): number | null {
    if (this.value === null) {
      this.seedSum += x;
      this.seen++;
      if (this.seen === this.period) this.value = this.seedSum / this.period;
    } else {
      this.value = this.next(this.value, x);
      this.seen++;
    }
    return this.value;
  }

  peek(x: number): number | null {
    if (this.value !== null) return this.next(this.value, x);
    return this.seen + 1 === this.period ? (this.seedSum + x) / this.period : null;
  }

  /** TA-Lib's recurrence, in its operation order: ((x - prev) * k) + prev. */
  private next(previous: number, x: number): number {
    return (x - previous) * this.k + previous;
  }

  getState(): EmaState {
    return { period: this.period, seen: this.seen, seedSum: this.seedSum, value: this.value };
  }

  static restore(state: unknown): Ema {
    const s = emaStateSchema.parse(state);
    const ema = new Ema(s.period);
    ema.seen = s.seen;
    ema.seedSum = s.seedSum;
    ema.value = s.value;
    return ema;
  }
}
