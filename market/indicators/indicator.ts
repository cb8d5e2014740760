import { assertFiniteBar, type Ohlcv } from './ohlcv.ts';

/**
 * One streaming indicator. The symbol actors call `update` once per closed candle and
 * `preview` on every tick of the forming one; the `ta` CLI calls `update` once per CSV row.
 * Every update does a fixed amount of work, whatever the length of the history.
 *
 * Each class also has `static restore(state)`, the inverse of `getState()`: a restored
 * indicator continues bit for bit as the original would have, including after a JSON round
 * trip of the state.
 */
export interface Indicator<Value, State> {
  /**
   * TA-Lib's lookback: the 0-based index of the bar that brings the first value. Before it,
   * `update` and `preview` return null; the indicator needs `lookback + 1` bars in all.
   */
  readonly lookback: number;
  /** True once the indicator is past its warm-up (every output is non-null from now on). */
  readonly isStable: boolean;
  /** Takes a closed bar and returns the value as of that bar, or null while warming up. */
  update(bar: Ohlcv): Value | null;
  /** The value `update(bar)` would return now, leaving the indicator untouched. */
  preview(bar: Ohlcv): Value | null;
  /**
   * `update` (commit) or `preview` (not) without checking the bar, which the caller has found
   * finite: the one code path of both, called directly by IndicatorSet, which checks each bar
   * once for all its members. A multi-valued indicator returns its own `Outputs` object,
   * overwritten by the next call (`update` and `preview` return copies).
   */
  evaluate(bar: Ohlcv, commit: boolean): Value | null;
  /** A plain, JSON-able copy of everything the indicator carries between bars. */
  getState(): State;
}

/**
 * The part every indicator shares: `update` and `preview` check the bar, then take the one code
 * path, `evaluate`. A multi-valued indicator overrides `published` to hand out a copy of its
 * outputs, which the next call overwrites.
 */
export abstract class BarIndicator<Value, State> implements Indicator<Value, State> {
  abstract readonly lookback: number;
  abstract get isStable(): boolean;
  abstract evaluate(bar: Ohlcv, commit: boolean): Value | null;
  abstract getState(): State;

  update(bar: Ohlcv): Value | null {
    assertFiniteBar(bar);
    return this.published(this.evaluate(bar, true));
  }

  preview(bar: Ohlcv): Value | null {
    assertFiniteBar(bar);
    return this.published(this.evaluate(bar, false));
  }

  /** What `update` and `preview` return for an `evaluate` result: the value itself, unless overridden. */
  protected published(value: Value | null): Value | null {
    return value;
  }
}

/**
 * A multi-valued indicator's `evaluate` result: its own output object, written in place by
 * every call, so that IndicatorSet, which reads it at once, allocates nothing per bar.
 */
export type Outputs<Value> = { -readonly [K in keyof Value]: Value[K] };

/** Periods are whole numbers of bars; TA-Lib refuses periods below 2 for these indicators. */
export function assertPeriod(name: string, period: number, min = 2): void {
  if (!Number.isInteger(period) || period < min || period > 100_000) {
    throw new RangeError(`${name} must be an integer between ${min} and 100000, got ${period}`);
  }
}
