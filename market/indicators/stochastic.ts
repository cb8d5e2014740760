import { z } from 'zod';
import { assertPeriod, BarIndicator, type Outputs } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';
import { Sma } from './sma.ts';
import { WindowExtremes } from './window-extremes.ts';

export interface StochasticValue {
  /** Slow %K: the SMA of fast %K. */
  readonly k: number;
  /** Slow %D: the SMA of slow %K. */
  readonly d: number;
}

export interface StochasticParams {
  readonly fastK: number;
  readonly slowK: number;
  readonly slowD: number;
}

const stochasticStateSchema = z.object({
  fastK: z.number(),
  slowK: z.number(),
  slowD: z.number(),
  highs: z.unknown(),
  lows: z.unknown(),
  slowKSma: z.unknown(),
  slowDSma: z.unknown(),
});
export type StochasticState = z.infer<typeof stochasticStateSchema>;

/** `update` and `preview` hand out a copy of the outputs: the caller's to keep. */
const copy = (o: Outputs<StochasticValue> | null): StochasticValue | null => (o === null ? null : { k: o.k, d: o.d });

/**
 * Slow stochastic, TA-Lib's STOCH with SMA smoothing (14, 3, 3 by default): fast %K =
 * 100 * (close - lowest low) / (highest high - lowest low) over `fastK` bars, 0 when that range
 * is 0 (TA-Lib); slow %K = SMA(slowK) of fast %K; slow %D = SMA(slowD) of slow %K. Both come
 * with bar index fastK - 1 + slowK - 1 + slowD - 1 (17), TA-Lib's lookback for the pair.
 * The extremes come from `WindowExtremes`: O(1) per bar, no rescan of the `fastK` bars.
 */
export class Stochastic extends BarIndicator<StochasticValue, StochasticState> {
  readonly lookback: number;
  readonly fastK: number;
  readonly slowK: number;
  readonly slowD: number;
  private window: WindowExtremes;
  private slowKSma: Sma;
  private slowDSma: Sma;
  /** What `evaluate` returns, written in place: a bar allocates nothing. */
  private readonly outputs: Outputs<StochasticValue> = { k: 0, d: 0 };

  constructor(params: Partial<StochasticParams> = {}) {
    super();
    const { fastK = 14, slowK = 3, slowD = 3 } = params;
    assertPeriod('stochastic fast %K period', fastK, 1);
    this.fastK = fastK;
    this.slowK = slowK;
    this.slowD = slowD;
    this.window = new WindowExtremes(fastK);
    this.slowKSma = new Sma(slowK);
    this.slowDSma = new Sma(slowD);
    this.lookback = fastK - 1 + this.slowKSma.lookback + this.slowDSma.lookback;
  }

  get isStable(): boolean {
    return this.window.pushed > this.lookback;
  }

  protected override published(o: Outputs<StochasticValue> | null) {
    return copy(o);
  }

  /** `update` (commit) or `preview`, of a bar already checked finite, into this indicator's `Outputs`: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): Outputs<StochasticValue> | null {
    let value: Outputs<StochasticValue> | null = null;
    if (this.window.pushed + 1 >= this.fastK) {
      const highest = this.window.highestWith(bar.high);
      const lowest = this.window.lowestWith(bar.low);
      // TA-Lib divides by range / 100 rather than multiplying by 100: same rounding as it.
      const range = (highest - lowest) / 100;
      const fast = range !== 0 ? (bar.close - lowest) / range : 0;
      const k = commit ? this.slowKSma.push(fast) : this.slowKSma.peek(fast);
      const d = k === null ? null : commit ? this.slowDSma.push(k) : this.slowDSma.peek(k);
      // Slow %K exists slowD - 1 bars before %D; TA-Lib reports the pair from the same bar.
      if (k !== null && d !== null) {
        value = this.outputs;
        value.k = k;
        value.d = d;
      }
    }
    if (commit) this.window.push(bar.high, bar.low);
    return value;
  }

  getState(): StochasticState {
    return {
      fastK: this.fastK,
      slowK: this.slowK,
      slowD: this.slowD,
      ...this.window.getState(),
      slowKSma: this.slowKSma.getState(),
      slowDSma: this.slowDSma.getState(),
    };
  }

  static restore(state: unknown): Stochastic {
    const s = stochasticStateSchema.parse(state);
    const stochastic = new Stochastic(s);
    stochastic.window = WindowExtremes.restore(s.highs, s.lows, s.fastK);
    stochastic.slowKSma = Sma.restore(s.slowKSma);
    stochastic.slowDSma = Sma.restore(s.slowDSma);
    if (stochastic.slowKSma.period !== s.slowK || stochastic.slowDSma.period !== s.slowD) {
      throw new RangeError('stochastic state: smoothing periods do not match');
    }
    return stochastic;
  }
}
