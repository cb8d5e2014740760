/**
 * Test only: small seeded random-walk candle series, so split and pooling rules can be checked
 * on data whose every time is known, without loading the bundled files.
 */
import { seededRandom } from '../../engine/random.ts';
import type { Bar } from '../../market/candles/candle.ts';
import { timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import type { SymbolCandles } from './bundled-data.ts';

export const START = Date.UTC(2021, 3, 1);

/**
 * `count` candles of `tf` per symbol from START, with a trend that depends on the last return
 * (so there is something to learn); `skip` leaves out candle indices (a venue halt).
 */
export function randomWalkSeries(symbols: readonly string[], count: number, tf: Timeframe, { seed = 3, skip = new Set<number>() } = {}): SymbolCandles[] {
  return symbols.map((symbol, s) => {
    const random = seededRandom(seed + s);
    const candles: Bar[] = [];
    let close = 100 * (s + 1);
    let last = 0;
    for (let i = 0; i < count; i++) {
      const ret = 0.3 * last + (random() - 0.5) * 0.02;
      const open = close;
      close = open * Math.exp(ret);
      last = ret;
      if (skip.has(i)) continue;
      const spread = open * 0.002 * (1 + random());
      candles.push({ openTime: START + i * timeframeMs(tf), open, high: Math.max(open, close) + spread, low: Math.min(open, close) - spread, close, volume: 1 + random() * 10 });
    }
    return { symbol, candles };
  });
}
