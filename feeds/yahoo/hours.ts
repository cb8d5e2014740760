import type { ChartMeta } from './chart.ts';

/** A regular trading session, [start, end) in epoch ms. */
export interface Session {
  readonly start: number;
  readonly end: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How often to poll when the response says nothing about trading hours. Without a session we
 * cannot tell a closed market from an open one, so we poll rarely rather than hammer a closed
 * market or go silent on an open one: an open market's bars arrive at most this late.
 */
export const SLOW_POLL_MS = 15 * MINUTE;

/**
 * Session starts move by an hour when New York changes between EST and EDT, and the guess for
 * the next start below is the last one plus whole days: waking this much early can never miss
 * an opening, and the response fetched then carries the exact start.
 */
export const DST_MARGIN_MS = HOUR;

/** The regular session from a chart response's `meta.currentTradingPeriod`, or null when absent or empty. */
export function regularSession(meta: ChartMeta): Session | null {
  const regular = meta.currentTradingPeriod?.regular;
  if (!regular || regular.end <= regular.start) return null;
  return { start: regular.start * 1000, end: regular.end * 1000 };
}

/**
 * Milliseconds until the next poll of a US equity: every `pollMs` from the opening until one
 * poll interval after the close (so the bars that close at the bell are fetched), else asleep
 * until the next opening. `currentTradingPeriod` is today's session; once it is over, the next
 * one is not in the response, so it is guessed as the same time on the next weekday and the
 * poller wakes DST_MARGIN_MS early (holidays then cost one poll that finds the market shut).
 * With no session known at all, polls every SLOW_POLL_MS.
 */
export function nextPollDelay(now: number, period: Session | null, pollMs: number): number {
  if (period === null) return SLOW_POLL_MS;
  if (now < period.start) return period.start - now;
  if (now < period.end + pollMs) return pollMs;
  const next = nextWeekdayStart(period.start, now);
  const wake = next - DST_MARGIN_MS;
  return wake > now ? wake - now : next - now;
}

/** The first `start + k days` (k ≥ 1) after `now` falling on Monday to Friday (UTC, as New York's sessions are). */
function nextWeekdayStart(start: number, now: number): number {
  let t = start + DAY;
  while (t <= now || isWeekend(t)) t += DAY;
  return t;
}

const isWeekend = (t: number) => {
  const day = new Date(t).getUTCDay();
  return day === 0 || day === 6;
};
