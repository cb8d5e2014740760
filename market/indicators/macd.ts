import { z } from 'zod';
import { Ema } from './ema.ts';
import { assertPeriod, BarIndicator, type Outputs } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';

export interface MacdValue {
  readonly macd: number;
  /** EMA of MACD; null for the first `signal - 1` MACD values. */
  readonly signal: number | null;
  readonly histogram: number | null;
}

export interface MacdParams {
  readonly fast: number;
  readonly slow: number;
  readonly signal: number;
}

const macdStateSchema = z.object({
  fast: z.number(),
  slow: z.number(),
  signal: z.number(),
  seen: z.number().int().min(0),
  fastEma: z.unknown(),
  slowEma: z.unknown(),
  signalEma: z.unknown(),
});
export type MacdState = z.infer<typeof macdStateSchema>;

/** `update` and `preview` hand out a copy of the outputs: the caller's to keep. */
const copy = (o: Outputs<MacdValue> | null): MacdValue | null => (o === null ? null : { macd: o.macd, signal: o.signal, histogram: o.histogram });

/**
 * MACD of closes as TA-Lib computes it (MACD 12, 26, 9 by default): fast EMA - slow EMA, and
 * an SMA-seeded EMA of that as the signal line. TA-Lib starts both EMAs on the same bar: the
 * fast EMA's seed is the SMA of the `fast` closes that end where the slow EMA's seed ends, so
 * the fast EMA only starts reading closes at bar index slow - fast. MACD first comes with bar
 * index slow - 1 (25), signal and histogram with slow + signal - 2 (33, TA-Lib's lookback).
 */
export class Macd extends BarIndicator<MacdValue, MacdState> {
  /** Where the first (MACD-only) value comes; `signalLookback` is where the row is complete. */
  readonly lookback: number;
  readonly signalLookback: number;
  readonly fast: number;
  readonly slow: number;
  readonly signal: number;
  private seen = 0;
  private fastEma: Ema;
  private slowEma: Ema;
  private signalEma: Ema;
  /** What `evaluate` returns, written in place: a bar allocates nothing. */
  private readonly outputs: Outputs<MacdValue> = { macd: 0, signal: null, histogram: null };

  constructor(params: Partial<MacdParams> = {}) {
    super();
    const { fast = 12, slow = 26, signal = 9 } = params;
    assertPeriod('MACD fast period', fast);
    assertPeriod('MACD slow period', slow);
    assertPeriod('MACD signal period', signal);
    if (fast >= slow) throw new RangeError(`MACD fast period must be below the slow one, got ${fast} and ${slow}`);
    this.fast = fast;
    this.slow = slow;
    this.signal = signal;
    this.lookback = slow - 1;
    this.signalLookback = slow + signal - 2;
    this.fastEma = new Ema(fast);
    this.slowEma = new Ema(slow);
    this.signalEma = new Ema(signal);
  }

  get isStable(): boolean {
    return this.signalEma.isStable;
  }

  protected override published(o: Outputs<MacdValue> | null) {
    return copy(o);
  }

  /** `update` (commit) or `preview`, of a bar already checked finite, into this indicator's `Outputs`: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): Outputs<MacdValue> | null {
    const x = bar.close;
    const fastReads = this.seen >= this.slow - this.fast;
    const slow = commit ? this.slowEma.push(x) : this.slowEma.peek(x);
    const fast = fastReads ? (commit ? this.fastEma.push(x) : this.fastEma.peek(x)) : null;
    if (commit) this.seen++;
    if (slow === null || fast === null) return null;
    const macd = fast - slow;
    const signal = commit ? this.signalEma.push(macd) : this.signalEma.peek(macd);
    const out = this.outputs;
    out.macd = macd;
    out.signal = signal;
    out.histogram = signal === null ? null : macd - signal;
    return out;
  }

  getState(): MacdState {
    return {
      fast: this.fast,
      slow: this.slow,
      signal: this.signal,
      seen: this.seen,
      fastEma: this.fastEma.getState(),
      slowEma: this.slowEma.getState(),
      signalEma: this.signalEma.getState(),
    };
  }

  static restore(state: unknown): Macd {
    const s = macdStateSchema.parse(state);
    const macd = new Macd(s);
    macd.seen = s.seen;
    macd.fastEma = Ema.restore(s.fastEma);
    macd.slowEma = Ema.restore(s.slowEma);
    macd.signalEma = Ema.restore(s.signalEma);
    if (macd.fastEma.period !== s.fast || macd.slowEma.period !== s.slow || macd.signalEma.period !== s.signal) {
      throw new RangeError('MACD state: EMA periods do not match the MACD parameters');
    }
    return macd;
  }
}
