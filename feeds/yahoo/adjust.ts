import type { Bar } from '../../market/candles/candle.ts';
import type { Split } from './chart.ts';

/**
 * Puts bars recorded before one or more splits on today's share basis, as Yahoo's own history
 * is: a bar before a 4:1 split has its prices divided by 4 and its volume multiplied by 4, so
 * a series crossing the split has no false 75% drop. A bar is "before" a split when it opens
 * before the split's ex-date (its UTC midnight): the split day's own bars already trade on the
 * new basis. Several later splits compound. Returns new bars; the input is not touched.
 */
export function adjustForSplits(bars: readonly Bar[], splits: readonly Split[]): Bar[] {
  if (splits.length === 0) return bars.slice();
  const sorted = [...splits].sort((a, b) => a.time - b.time);
  // Walk backwards in time, so each bar's factor is the product of the splits after it.
  const out = new Array<Bar>(bars.length);
  const order = bars.map((_, i) => i).sort((a, b) => bars[b]!.openTime - bars[a]!.openTime);
  let next = sorted.length - 1;
  let factor = 1;
  for (const i of order) {
    const bar = bars[i]!;
    while (next >= 0 && sorted[next]!.time > bar.openTime) factor *= sorted[next--]!.ratio;
    out[i] = factor === 1 ? bar : scale(bar, factor);
  }
  return out;
}

const scale = (b: Bar, factor: number): Bar => ({
  openTime: b.openTime,
  open: b.open / factor,
  high: b.high / factor,
  low: b.low / factor,
  close: b.close / factor,
  volume: b.volume * factor,
});
