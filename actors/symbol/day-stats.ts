import type { Candle } from '../../market/candles/candle.ts';

export interface DayStats {
  open: number;
  last: number;
  changePct: number;
  high: number;
  low: number;
  volume: number;
}

/**
 * Rolling 24h statistics at hour granularity: the last 24 closed hourly candles plus the forming
 * one. O(24) to read, nothing per print, 24 candles of memory per symbol (1,000 symbols stay small).
 */
export class DayWindow {
  constructor(private hours: Candle[] = []) {}

  addHour(c: Candle): void {
    this.hours.push(c);
    if (this.hours.length > 24) this.hours.shift();
  }

  stats(forming: Candle | null): DayStats | null {
    const all = forming ? [...this.hours.slice(-23), forming] : this.hours;
    const first = all[0];
    const last = all.at(-1);
    if (!first || !last) return null;
    let high = -Infinity;
    let low = Infinity;
    let volume = 0;
    for (const c of all) {
      if (c.high > high) high = c.high;
      if (c.low < low) low = c.low;
      volume += c.volume;
    }
    return { open: first.open, last: last.close, changePct: ((last.close - first.open) / first.open) * 100, high, low, volume };
  }

  getState(): Candle[] {
    return [...this.hours];
  }
}
