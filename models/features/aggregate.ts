import { CandleBuilder } from '../../market/candles/builder.ts';
import type { Bar, Candle } from '../../market/candles/candle.ts';
import { timeframeMs, type Timeframe } from '../../market/timeframes.ts';

/**
 * Time-ordered bars of `barTf` (1m by default) into the closed candles of `tf`, through the
 * CandleBuilder the symbol actors use, so a model trains on the very candles it will be served.
 * A bucket with no bar gives no candle (gaps stay gaps). The last candle is kept only if the
 * data reaches its end: a bucket cut off by the end of the file is still forming, and a live
 * actor would not have closed it either.
 */
export function aggregateCandles(bars: readonly Bar[], tf: Timeframe, barTf: Timeframe = '1m'): Candle[] {
  if (timeframeMs(barTf) > timeframeMs(tf)) throw new RangeError(`Invalid aggregation: ${barTf} bars cannot make ${tf} candles`);
  const builder = new CandleBuilder(tf);
  const out: Candle[] = [];
  for (const bar of bars) {
    const closed = builder.addBar(bar);
    if (closed) out.push(closed);
  }
  const last = bars.at(-1);
  const final = last && builder.closeAt(last.openTime + timeframeMs(barTf));
  if (final) out.push(final);
  return out;
}
