import { CandleBuilder } from '../../market/candles/builder.ts';
import type { Bar } from '../../market/candles/candle.ts';
import type { Timeframe } from '../../market/timeframes.ts';

/**
 * Bars combined into UTC-aligned bars of `tf`, each stamped with its bucket's open time, the
 * last partial bucket included (a backtest's data ends where it ends). The same builder the
 * symbol actors use, fed whole bars instead of prints, so the candles are theirs.
 */
export function resample(bars: readonly Bar[], tf: Timeframe): Bar[] {
  const builder = new CandleBuilder(tf);
  const out: Bar[] = [];
  const keep = (c: Bar | null) => {
    if (c) out.push({ openTime: c.openTime, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume });
  };
  for (const b of bars) keep(builder.addBar(b));
  keep(builder.current);
  return out;
}
