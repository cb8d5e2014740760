const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The next time strictly after `now` at which the UTC clock reads `hourUtc`:00. FRED series
 * change at most once a day (most far less often), so a daily look is enough; the hour is
 * chosen to follow the releases that matter (8:30 New York, 12:30–13:30 UTC, for US labour
 * and price data).
 */
export function nextDailyRun(now: number, hourUtc: number): number {
  if (!Number.isInteger(hourUtc) || hourUtc < 0 || hourUtc > 23) throw new RangeError(`hourUtc must be an integer 0–23, got ${hourUtc}`);
  const today = now - (((now % DAY) + DAY) % DAY) + hourUtc * HOUR;
  return today > now ? today : today + DAY;
}
