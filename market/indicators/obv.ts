import { z } from 'zod';
import { BarIndicator } from './indicator.ts';
import type { Ohlcv } from './ohlcv.ts';

const obvStateSchema = z.object({ previousClose: z.number().nullable(), total: z.number() });
export type ObvState = z.infer<typeof obvStateSchema>;

/**
 * On-balance volume, TA-Lib's OBV: starts at the first bar's volume (lookback 0), then adds
 * the volume of a bar that closes higher, subtracts that of a bar that closes lower, and keeps
 * the total on an unchanged close.
 */
export class Obv extends BarIndicator<number, ObvState> {
  readonly lookback = 0;
  private previousClose: number | null = null;
  private total = 0;

  get isStable(): boolean {
    return this.previousClose !== null;
  }

  /** `update` (commit) or `preview`, of a bar already checked finite: see `Indicator.evaluate`. */
  evaluate(bar: Ohlcv, commit: boolean): number {
    let total = this.total;
    if (this.previousClose === null) total = bar.volume;
    else if (bar.close > this.previousClose) total += bar.volume;
    else if (bar.close < this.previousClose) total -= bar.volume;
    if (commit) {
      this.total = total;
      this.previousClose = bar.close;
    }
    return total;
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
