import { expect, test } from 'bun:test';
import { parseChart } from './chart.ts';
import { DST_MARGIN_MS, nextPollDelay, regularSession, SLOW_POLL_MS, type Session } from './hours.ts';
import { fixtureJson } from '../http/scripted-server.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// Wednesday 2024-10-02, New York on EDT: 09:30–16:00 local is 13:30–20:00 UTC.
const wed: Session = { start: Date.UTC(2024, 9, 2, 13, 30), end: Date.UTC(2024, 9, 2, 20) };
// Friday 2025-02-21 on EST: 14:30–21:00 UTC.
const fri: Session = { start: Date.UTC(2025, 1, 21, 14, 30), end: Date.UTC(2025, 1, 21, 21) };

test('the regular session comes from currentTradingPeriod, in epoch ms', () => {
  const r = parseChart(fixtureJson('yahoo/chart_v8_AAPL_1m_2024-10-02.json'));
  if (!r.ok) throw new Error(r.error);
  expect(regularSession(r.chart.meta)).toEqual({ start: 1728048600_000, end: 1728072000_000 });
  const { currentTradingPeriod: _, ...withoutPeriod } = r.chart.meta;
  expect(regularSession(withoutPeriod)).toBeNull();
});

test('before the opening: asleep until the bell', () => {
  expect(nextPollDelay(wed.start - 3 * HOUR, wed, MIN)).toBe(3 * HOUR);
  expect(nextPollDelay(wed.start - 1, wed, MIN)).toBe(1);
});

test('during the session, and one poll interval past the close: every pollMs', () => {
  expect(nextPollDelay(wed.start, wed, MIN)).toBe(MIN);
  expect(nextPollDelay(wed.end - 1, wed, MIN)).toBe(MIN);
  expect(nextPollDelay(wed.end + 30_000, wed, MIN)).toBe(MIN); // collects the bar that closed at the bell
});

test('after the session: asleep until an hour before the same time next weekday', () => {
  const after = wed.end + MIN;
  expect(nextPollDelay(after, wed, MIN)).toBe(wed.start + DAY - DST_MARGIN_MS - after);
  expect(after + nextPollDelay(after, wed, MIN)).toBe(Date.UTC(2024, 9, 3, 12, 30));
  // Friday's close sleeps over the weekend to Monday.
  const fridayEvening = fri.end + HOUR;
  expect(fridayEvening + nextPollDelay(fridayEvening, fri, MIN)).toBe(Date.UTC(2025, 1, 24, 13, 30));
});

test('inside the DST margin, or with a stale period, it still waits for a start in the future', () => {
  const nextStart = wed.start + DAY;
  expect(nextPollDelay(nextStart - 10 * MIN, wed, MIN)).toBe(10 * MIN);
  // A period a week old (a holiday, a Yahoo that did not update it): the next weekday start after now.
  const now = Date.UTC(2024, 9, 9, 22);
  expect(now + nextPollDelay(now, wed, MIN)).toBe(Date.UTC(2024, 9, 10, 12, 30));
});

test('without a session: every 15 minutes', () => {
  expect(SLOW_POLL_MS).toBe(15 * MIN);
  expect(nextPollDelay(wed.start, null, MIN)).toBe(SLOW_POLL_MS);
});
