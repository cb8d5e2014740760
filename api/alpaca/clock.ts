import { newYorkIso, nextOpen, sessionAt, sessionFor } from '../../market/sessions/index.ts';

export { newYorkIso };

/**
 * Alpaca's `GET /v2/clock`: the NYSE's regular session (market/sessions: 9:30 to 16:00 New York
 * time, its holidays and 13:00 early closes). Crypto has no session: it trades at any hour,
 * whatever this clock says. Times are written as Alpaca writes them, ISO 8601 at New York's offset.
 */
export interface MarketClock {
  timestamp: string;
  is_open: boolean;
  next_open: string;
  next_close: string;
}

/** The market clock at `now` (epoch ms, the engine's clock). */
export function marketClock(now: number): MarketClock {
  const current = sessionAt(now);
  // Open: this session's close, and the next session's open. Closed: the next session's open and close.
  const coming = current ?? sessionFor(now);
  return { timestamp: newYorkIso(now), is_open: current !== null, next_open: newYorkIso(nextOpen(now).open), next_close: newYorkIso(coming.close) };
}
