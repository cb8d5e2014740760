import { z } from 'zod';
import type { Indicator } from './indicator.ts';
import { assertFiniteBar, type Ohlcv } from './ohlcv.ts';

const obvStateSchema = z.object({ previousClose: z.number().nullable(), total: z.number() });
export type ObvState = z.infer<typeof obvStateSchema>;

/**
 * On-balance volume, TA-Lib's OBV: starts at the first bar's volume (lookback 0), then adds
 * the volume of a bar that closes higher, subtracts that of a bar that closes lower, and keeps
 * the total on an unchanged close.
 */
export class Obv implements Indicator<number, ObvState> {
  readonly lookback = 0;
  private previousClose: number | null = null;
  private total = 0;

  get isStable(): boolean {
    return this.previousClose !== null;
  }

  update(bar: Ohlcv): number {
    this.total = this.preview(bar);
    this.previousClose = bar.close;
    return this.total;
  }

  preview(bar: Ohlcv): number {
    assertFiniteBar(bar);
    if (this.previousClose === null) return bar.volume;
    if (bar.close > this.previousClose) return this.total + bar.volume;
    if (bar.close < this.previousClose) return this.total - bar.volume;
    return this.total;
  }

  getState(): ObvState {
    return { previousClose: this.previousClose, total: this.total };
  }

  static restore(state: unknown): Obv {
    const s = obvStateSchema.parse(state);
    const obv = new Obv();
    obv.previousClose = s.previousClose;
    obv.total = s.total;
    return obv;
  }
}
