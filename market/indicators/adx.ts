import { z } from 'zod';
import { assertPeriod, type Indicator } from './indicator.ts';
import { assertFiniteBar, type Ohlcv } from './ohlcv.ts';
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

/**
 * Average directional index with +DI, -DI and DX, as TA-Lib's ADX, PLUS_DI, MINUS_DI and DX.
 * +DM, -DM and TR are summed over bars 1 .. period - 1, then Wilder-smoothed from bar
 * `period` on (S = S - S / period + today); +DI = 100 * +DM / TR, DX = 100 * |+DI - -DI| /
 * (+DI + -DI). DI and DX first come with bar index `period`; the first ADX is the mean of the
 * first `period` DX, at bar index 2 * period - 1, then ADX = (ADX * (period - 1) + DX) / period.
 * Zero ranges follow TA-Lib: a DI over a zero TR is 0; DX holds its last value (0 at first);
 * ADX skips the bar (and the initial mean counts it as 0).
 */
export class Adx implements Indicator<AdxValue, AdxState> {
  /** Where +DI, -DI and DX first come (TA-Lib's PLUS_DI/DX lookback, `period`). */
  readonly lookback: number;
  /** Where ADX first comes (TA-Lib's ADX lookback, 2 * period - 1). */
  readonly adxLookback: number;
  private state: AdxState;

  constructor(readonly period = 14) {
    assertPeriod('ADX period', period);
    this.lookback = period;
    this.adxLookback = 2 * period - 1;
    this.state = { period, seen: 0, previous: null, plusDM: 0, minusDM: 0, tr: 0, dxSum: 0, dx: 0, adx: null };
  }

  get isStable(): boolean {
    return this.state.adx !== null;
  }

  update(bar: Ohlcv): AdxValue | null {
    const { next, value } = this.step(bar);
    this.state = next;
    return value;
  }

  preview(bar: Ohlcv): AdxValue | null {
    return this.step(bar).value;
  }

  private step(bar: Ohlcv): { next: AdxState; value: AdxValue | null } {
    assertFiniteBar(bar);
    const s = this.state;
    const n = this.period;
    const next: AdxState = { ...s, seen: s.seen + 1, previous: { high: bar.high, low: bar.low, close: bar.close } };
    if (s.previous === null) return { next, value: null };
    const up = bar.high - s.previous.high;
    const down = s.previous.low - bar.low;
    const tr = trueRange(bar.high, bar.low, s.previous.close);
    const smoothing = s.seen >= n;
    if (smoothing) {
      next.minusDM -= next.minusDM / n;
      next.plusDM -= next.plusDM / n;
    }
    // TA-Lib's cases: only the larger positive move counts, and a tie counts for neither.
    if (down > 0 && up < down) next.minusDM += down;
    else if (up > 0 && up > down) next.plusDM += up;
    next.tr = smoothing ? next.tr - next.tr / n + tr : next.tr + tr;
    if (!smoothing) return { next, value: null };

    const trIsZero = isZero(next.tr);
    const minusDI = trIsZero ? 0 : 100 * (next.minusDM / next.tr);
    const plusDI = trIsZero ? 0 : 100 * (next.plusDM / next.tr);
    const diSum = minusDI + plusDI;
    const dxDefined = !trIsZero && !isZero(diSum);
    const dx = dxDefined ? 100 * (Math.abs(minusDI - plusDI) / diSum) : s.seen === n ? 0 : s.dx;
    next.dx = dx;
    if (s.adx !== null) {
      if (dxDefined) next.adx = (s.adx * (n - 1) + dx) / n;
    } else {
      if (dxDefined) next.dxSum += dx;
      if (s.seen === this.adxLookback) next.adx = next.dxSum / n;
    }
    return { next, value: { adx: next.adx, plusDI, minusDI, dx } };
  }

  getState(): AdxState {
    const s = this.state;
    return { ...s, previous: s.previous === null ? null : { ...s.previous } };
  }

  static restore(state: unknown): Adx {
    const s = adxStateSchema.parse(state);
    const adx = new Adx(s.period);
    adx.state = s;
    return adx;
  }
}
