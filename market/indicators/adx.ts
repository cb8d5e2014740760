import { z } from 'zod';
import { assertPeriod, BarIndicator, type Outputs } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';
import { isZero, trueRange } from './ta-lib-math.ts';

export interface AdxValue {
  /** Null until bar index 2 * period - 1 (TA-Lib's ADX lookback). */
  readonly adx: number | null;
  readonly plusDI: number;
  readonly minusDI: number;
  readonly dx: number;
}

const adxStateSchema = z.object({
  period: z.number(),
  seen: z.number().int().min(0),
  previous: z.object({ high: z.number(), low: z.number(), close: z.number() }).nullable(),
  plusDM: z.number(),
  minusDM: z.number(),
  tr: z.number(),
  dxSum: z.number(),
  dx: z.number(),
  adx: z.number().nullable(),
}).refine((s) => (s.adx === null) === (s.seen < 2 * s.period), 'ADX has a value exactly once it has seen 2 * period bars');
export type AdxState = z.infer<typeof adxStateSchema>;

/** `update` and `preview` hand out a copy of the outputs: the caller's to keep. */
const copy = (o: Outputs<AdxValue> | null): AdxValue | null => (o === null ? null : { adx: o.adx, plusDI: o.plusDI, minusDI: o.minusDI, dx: o.dx });

/**
 * Average directional index with +DI, -DI and DX, as TA-Lib's ADX, PLUS_DI, MINUS_DI and DX.
 * +DM, -DM and TR are summed over bars 1 .. period - 1, then Wilder-smoothed from bar
 * `period` on (S = S - S / period + today); +DI = 100 * +DM / TR, DX = 100 * |+DI - -DI| /
 * (+DI + -DI). DI and DX first come with bar index `period`; the first ADX is the mean of the
 * first `period` DX, at bar index 2 * period - 1, then ADX = (ADX * (period - 1) + DX) / period.
 * Zero ranges follow TA-Lib: a DI over a zero TR is 0; DX holds its last value (0 at first);
 * ADX skips the bar (and the initial mean counts it as 0).
 */
export class Adx extends BarIndicator<AdxValue, AdxState> {
  /** Where +DI, -DI and DX first come (TA-Lib's PLUS_DI/DX lookback, `period`). */
  readonly lookback: number;
  /** Where ADX first comes (TA-Lib's ADX lookback, 2 * period - 1). */
  readonly adxLookback: number;
  // AdxState, kept as plain fields: a bar writes them in place instead of copying a state object.
  private seen = 0;
  private hasPrevious = false;
  private previousHigh = 0;
  private previousLow = 0;
  private previousClose = 0;
  private plusDM = 0;
  private minusDM = 0;
  private tr = 0;
  private dxSum = 0;
  private dx = 0;
  private adx: number | null = null;
  /** What `evaluate` returns, written in place: a bar allocates nothing. */
  private readonly outputs: Outputs<AdxValue> = { adx: null, plusDI: 0, minusDI: 0, dx: 0 };

  constructor(readonly period = 14) {
    super();
    assertPeriod('ADX period', period);
    this.lookback = period;
    this.adxLookback = 2 * period - 1;
  }

  get isStable(): boolean {
    return this.adx !== null;
  }

  protected override published(o: Outputs<AdxValue> | null) {
    return copy(o);
  }

  /** `update` (commit) or `preview`, of a bar already checked finite, into this indicator's `Outputs`: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): Outputs<AdxValue> | null {
    const n = this.period;
    const seen = this.seen;
    if (!this.hasPrevious) {
      if (commit) this.advance(bar);
      return null;
    }
    const up = bar.high - this.previousHigh;
    const down = this.previousLow - bar.low;
    const tr = trueRange(bar.high, bar.low, this.previousClose);
    const smoothing = seen >= n;
    let { plusDM, minusDM } = this;
    if (smoothing) {
      minusDM -= minusDM / n;
      plusDM -= plusDM / n;
    }
    // TA-Lib's cases: only the larger positive move counts, and a tie counts for neither.
    if (down > 0 && up < down) minusDM += down;
    else if (up > 0 && up > down) plusDM += up;
    const trSum = smoothing ? this.tr - this.tr / n + tr : this.tr + tr;
    if (!smoothing) {
      if (commit) this.commit(bar, plusDM, minusDM, trSum, this.dxSum, this.dx, this.adx);
      return null;
    }

    const trIsZero = isZero(trSum);
    const minusDI = trIsZero ? 0 : 100 * (minusDM / trSum);
    const plusDI = trIsZero ? 0 : 100 * (plusDM / trSum);
    const diSum = minusDI + plusDI;
    const dxDefined = !trIsZero && !isZero(diSum);
    const dx = dxDefined ? 100 * (Math.abs(minusDI - plusDI) / diSum) : seen === n ? 0 : this.dx;
    let { adx, dxSum } = this;
    if (adx !== null) {
      if (dxDefined) adx = (adx * (n - 1) + dx) / n;
    } else {
      if (dxDefined) dxSum += dx;
      if (seen === this.adxLookback) adx = dxSum / n;
    }
    if (commit) this.commit(bar, plusDM, minusDM, trSum, dxSum, dx, adx);
    const out = this.outputs;
    out.adx = adx;
    out.plusDI = plusDI;
    out.minusDI = minusDI;
    out.dx = dx;
    return out;
  }

  private commit(bar: Ohlcv, plusDM: number, minusDM: number, tr: number, dxSum: number, dx: number, adx: number | null): void {
    this.plusDM = plusDM;
    this.minusDM = minusDM;
    this.tr = tr;
    this.dxSum = dxSum;
    this.dx = dx;
    this.adx = adx;
    this.advance(bar);
  }

  private advance(bar: Ohlcv): void {
    this.seen++;
    this.hasPrevious = true;
    this.previousHigh = bar.high;
    this.previousLow = bar.low;
    this.previousClose = bar.close;
  }

  getState(): AdxState {
    return {
      period: this.period,
      seen: this.seen,
      previous: this.hasPrevious ? { high: this.previousHigh, low: this.previousLow, close: this.previousClose } : null,
      plusDM: this.plusDM,
      minusDM: this.minusDM,
      tr: this.tr,
      dxSum: this.dxSum,
      dx: this.dx,
      adx: this.adx,
    };
  }

  static restore(state: unknown): Adx {
    const s = adxStateSchema.parse(state);
    const adx = new Adx(s.period);
    adx.seen = s.seen;
    if (s.previous !== null) {
      adx.hasPrevious = true;
      adx.previousHigh = s.previous.high;
      adx.previousLow = s.previous.low;
      adx.previousClose = s.previous.close;
    }
    adx.plusDM = s.plusDM;
    adx.minusDM = s.minusDM;
    adx.tr = s.tr;
    adx.dxSum = s.dxSum;
    adx.dx = s.dx;
    adx.adx = s.adx;
    return adx;
  }
}
