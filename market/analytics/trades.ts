import type { ClosedTrade } from './types.ts';

/** Winning trades (pnl > 0) over all trades; a break-even trade counts as not won. Null with no trades. */
export function winRate(trades: readonly ClosedTrade[]): number | null {
  if (trades.length === 0) return null;
  return trades.filter((t) => t.pnl > 0).length / trades.length;
}

/**
 * Gross profit / gross loss. 0 when nothing was won; null with no trades or when nothing was
 * lost (the ratio is unbounded then; a report shows "no losses" rather than Infinity).
 */
export function profitFactor(trades: readonly ClosedTrade[]): number | null {
  const won = trades.reduce((a, t) => a + Math.max(0, t.pnl), 0);
  const lost = trades.reduce((a, t) => a - Math.min(0, t.pnl), 0);
  return lost === 0 ? null : won / lost;
}

export const feesPaid = (trades: readonly ClosedTrade[]): number => trades.reduce((a, t) => a + t.fees, 0);

/**
 * The fraction of [start, end] during which a position was open: the union of the intervals,
 * clipped to the span (overlapping trades in several symbols count once). Null for an empty span.
 */
export function exposure(intervals: readonly { readonly start: number; readonly end: number }[], start: number, end: number): number | null {
  if (!(end > start)) return null;
  const clipped = intervals
    .map((i) => ({ start: Math.max(start, i.start), end: Math.min(end, i.end) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  let covered = 0;
  let reach = start;
  for (const i of clipped) {
    if (i.end <= reach) continue;
    covered += i.end - Math.max(reach, i.start);
    reach = i.end;
  }
  return covered / (end - start);
}
