import { roundTrips as cut, type RoundTrip } from '../../market/analytics/index.ts';
import type { ReportFill } from './types.ts';

/**
 * The round trips of a report's fills (market/analytics cuts them, as for an account's
 * analytics), a trip still open at the end valued at `lastClose`, all in the order they were
 * opened (a trip in one symbol may close after a later one in another opened).
 */
export function roundTrips(fills: readonly ReportFill[], lastClose: (symbol: string) => number): RoundTrip[] {
  const { trades, valued } = cut(
    fills.map((f) => ({ ...f, at: f.time })),
    lastClose,
  );
  const trips: RoundTrip[] = [...trades, ...valued];
  return trips.sort((a, b) => a.entryTime - b.entryTime || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}
