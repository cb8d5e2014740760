import type { Bar } from './candle.ts';

/**
 * Offsets within a bar of `barMs` at which its four path points fall: its open, a third and two
 * thirds of the way through, and its last millisecond, so nothing is seen before its time and
 * every point lies inside the bar. For a 1d bar: 00:00, 08:00, 16:00 and 23:59:59.999 UTC. The
 * replay prints a bar at these times, and matching walks a bar through them.
 */
export function printOffsets(barMs: number): readonly [number, number, number, number] {
  if (!(Number.isInteger(barMs) && barMs >= 4)) throw new RangeError(`barMs must be an integer of at least 4 ms, got ${barMs}`);
  return [0, Math.round(barMs / 3), Math.round((2 * barMs) / 3), barMs - 1];
}

/**
 * The four prices a bar's path goes through: open, high, low, close, or open, low, high, close
 * when the open is nearer the low (the shorter way to the first extreme, as bar replays assume;
 * a tie goes high first). The replay prints this path and matching walks it, so a book matched
 * against a bar and one matched against that bar's replayed prints see the same prices in order.
 */
export function barPath(b: Bar): [number, number, number, number] {
  return b.open - b.low < b.high - b.open ? [b.open, b.low, b.high, b.close] : [b.open, b.high, b.low, b.close];
}
