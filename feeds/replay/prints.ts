import type { Bar } from '../../market/candles/candle.ts';

/** Offsets within a 1m bar at which its four prints are stamped: nothing is seen before its time. */
export const PRINT_OFFSETS = [0, 20_000, 40_000, 59_999] as const;

/**
 * The four prices a bar's path goes through: open, high, low, close, or open, low, high, close
 * when the open is nearer the low (the shorter way to the first extreme, as bar replays assume).
 * The bar's whole volume rides on the close print, so volumes sum exactly.
 */
export function barPath(b: Bar): [number, number, number, number] {
  return b.open - b.low < b.high - b.open ? [b.open, b.low, b.high, b.close] : [b.open, b.high, b.low, b.close];
}
