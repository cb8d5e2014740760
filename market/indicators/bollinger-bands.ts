import { z } from 'zod';
import { BarIndicator, type Outputs } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';
import { Sma } from './sma.ts';
import { isZeroOrNegative } from './ta-lib-math.ts';

export interface BollingerValue {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
}

const bollingerStateSchema = z.object({ period: z.number(), stdDevs: z.number().positive(), sma: z.unknown() });
export type BollingerState = z.infer<typeof bollingerStateSchema>;

/** `update` and `preview` hand out a copy of the outputs: the caller's to keep. */
const copy = (o: Outputs<BollingerValue> | null): BollingerValue | null => (o === null ? null : { upper: o.upper, middle: o.middle, lower: o.lower });

/**
 * Bollinger Bands of closes, TA-Lib's BBANDS with an SMA: middle = SMA(period), bands at
 * ± stdDevs population standard deviations (divided by n) of the same window. Lookback
 * period - 1.
 *
 * The middle band is TA-Lib's running-sum SMA, bit for bit. σ is not: TA-Lib takes it as
 * sqrt(mean(x²) - mean²) from a running sum of squares, which cancels catastrophically at
 * crypto prices (its σ of a flat window at 58,760.34 is 0.0015) and drifts as the stream
 * grows. Here σ is a two-pass sum over the 20 values, taken relative to the newest close so
 * that a flat window gives exactly 0; it keeps TA-Lib's rule that a variance below ε is 0.
 */
export class BollingerBands extends BarIndicator<BollingerValue, BollingerState> {
  readonly lookback: number;
  readonly period: number;
  readonly stdDevs: number;
  private sma: Sma;
  /** What `evaluate` returns, written in place: a bar allocates nothing. */
  private readonly outputs: Outputs<BollingerValue> = { upper: 0, middle: 0, lower: 0 };

  constructor(params: { period?: number; stdDevs?: number } = {}) {
    super();
    const { period = 20, stdDevs = 2 } = params;
    if (!(stdDevs > 0) || !Number.isFinite(stdDevs)) throw new RangeError(`Bollinger stdDevs must be positive, got ${stdDevs}`);
    this.sma = new Sma(period);
    this.period = period;
    this.stdDevs = stdDevs;
    this.lookback = this.sma.lookback;
  }

  get isStable(): boolean {
    return this.sma.isStable;
  }

  protected override published(o: Outputs<BollingerValue> | null) {
    return copy(o);
  }

  /** `update` (commit) or `preview`, of a bar already checked finite, into this indicator's `Outputs`: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): Outputs<BollingerValue> | null {
    const sigma = this.sigmaWith(bar.close); // reads the window before a push changes it
    const middle = commit ? this.sma.push(bar.close) : this.sma.peek(bar.close);
    return middle === null ? null : this.bands(middle, sigma);
  }

  /** Population σ of the window once x joins it (0 while the window is short). */
  private sigmaWith(x: number): number {
    const window = this.sma.window;
    if (window.pushed + 1 < this.period) return 0;
    const mean = window.offsetSumWith(x) / this.period;
    const variance = window.squaredDeviationsWith(x, mean) / this.period;
    return isZeroOrNegative(variance) ? 0 : Math.sqrt(variance);
  }

  /** TA-Lib's last step: one width for both bands, added to and taken from the middle. */
  private bands(middle: number, sigma: number): Outputs<BollingerValue> {
    const width = sigma * this.stdDevs;
    const out = this.outputs;
    out.upper = middle + width;
    out.middle = middle;
    out.lower = middle - width;
    return out;
  }

  getState(): BollingerState {
    return { period: this.period, stdDevs: this.stdDevs, sma: this.sma.getState() };
  }

  static restore(state: unknown): BollingerBands {
    const s = bollingerStateSchema.parse(state);
    const bands = new BollingerBands(s);
    bands.sma = Sma.restore(s.sma);
    if (bands.sma.period !== s.period) throw new RangeError('Bollinger state: SMA period does not match');
    return bands;
  }
}
