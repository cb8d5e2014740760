import { newYorkInstant, newYorkTime } from './new-york.ts';

/**
 * The New York Stock Exchange's regular sessions: 9:30 to 16:00 New York time on weekdays, less
 * the exchange's holidays, closing at 13:00 on its early-close days. Holidays come from the
 * exchange's rules (Rule 7.2), not from a downloaded list, so every year is known:
 *
 * - New Year's Day, Martin Luther King Jr. Day (third Monday of January), Washington's Birthday
 *   (third Monday of February), Good Friday, Memorial Day (last Monday of May), Juneteenth
 *   (from 2022), Independence Day, Labor Day (first Monday of September), Thanksgiving (fourth
 *   Thursday of November), Christmas.
 * - A holiday on a Sunday is kept on the Monday after; on a Saturday, on the Friday before —
 *   unless that Friday ends a month (New Year's Day on a Saturday closes nothing).
 * - Early closes at 13:00: July 3 when it is Monday to Thursday, the Friday after Thanksgiving,
 *   December 24 when it is Monday to Thursday.
 * - Closures no rule foresees, since 2001: the week of September 11 2001, the national days of
 *   mourning for Presidents Reagan (2004-06-11), Ford (2007-01-02), G. H. W. Bush (2018-12-05)
 *   and Carter (2025-01-09), and Hurricane Sandy (2012-10-29 and 30).
 */
export interface Session {
  /** The New York date, YYYY-MM-DD. */
  readonly date: string;
  /** Epoch ms of 9:30 New York time. */
  readonly open: number;
  /** Epoch ms of 16:00 New York time (13:00 on an early close). */
  readonly close: number;
  readonly earlyClose: boolean;
}

const OPEN_MINUTE = 9 * 60 + 30;
const CLOSE_MINUTE = 16 * 60;
const EARLY_CLOSE_MINUTE = 13 * 60;
const DAY = 86_400_000;

const SPECIAL_CLOSURES: Readonly<Record<string, string>> = {
  '2001-09-11': 'September 11',
  '2001-09-12': 'September 11',
  '2001-09-13': 'September 11',
  '2001-09-14': 'September 11',
  '2004-06-11': 'National day of mourning (Reagan)',
  '2007-01-02': 'National day of mourning (Ford)',
  '2012-10-29': 'Hurricane Sandy',
  '2012-10-30': 'Hurricane Sandy',
  '2018-12-05': 'National day of mourning (G. H. W. Bush)',
  '2025-01-09': 'National day of mourning (Carter)',
};

const pad = (n: number) => String(n).padStart(2, '0');
const dateKey = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** 0 = Sunday … 6 = Saturday, of a calendar date (UTC arithmetic: a date has no time zone). */
const weekdayOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();
const shift = (y: number, m: number, d: number, days: number): [number, number, number] => {
  const t = new Date(Date.UTC(y, m - 1, d) + days * DAY);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
};

/** The n-th (1-based) given weekday of a month. */
function nthWeekday(y: number, m: number, weekday: number, n: number): number {
  const first = weekdayOf(y, m, 1);
  return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
}

function lastWeekday(y: number, m: number, weekday: number): number {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return last - ((weekdayOf(y, m, last) - weekday + 7) % 7);
}

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easter(y: number): [month: number, day: number] {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

interface YearRules {
  holidays: Map<string, string>;
  earlyCloses: Set<string>;
}

const byYear = new Map<number, YearRules>();

function rulesOf(y: number): YearRules {
  const known = byYear.get(y);
  if (known) return known;
  const holidays = new Map<string, string>();
  // A fixed-date holiday on a weekend moves to the nearest weekday, except onto a Friday that ends a month.
  const fixed = (m: number, d: number, name: string) => {
    const wd = weekdayOf(y, m, d);
    if (wd === 0) holidays.set(dateKey(...shift(y, m, d, 1)), name);
    else if (wd === 6) {
      const friday = shift(y, m, d, -1);
      if (friday[1] === m) holidays.set(dateKey(...friday), name);
    } else holidays.set(dateKey(y, m, d), name);
  };
  fixed(1, 1, "New Year's Day");
  holidays.set(dateKey(y, 1, nthWeekday(y, 1, 1, 3)), 'Martin Luther King Jr. Day');
  holidays.set(dateKey(y, 2, nthWeekday(y, 2, 1, 3)), "Washington's Birthday");
  const [em, ed] = easter(y);
  holidays.set(dateKey(...shift(y, em, ed, -2)), 'Good Friday');
  holidays.set(dateKey(y, 5, lastWeekday(y, 5, 1)), 'Memorial Day');
  if (y >= 2022) fixed(6, 19, 'Juneteenth');
  fixed(7, 4, 'Independence Day');
  holidays.set(dateKey(y, 9, nthWeekday(y, 9, 1, 1)), 'Labor Day');
  const thanksgiving = nthWeekday(y, 11, 4, 4);
  holidays.set(dateKey(y, 11, thanksgiving), 'Thanksgiving Day');
  fixed(12, 25, 'Christmas Day');
  for (const [date, name] of Object.entries(SPECIAL_CLOSURES)) if (date.startsWith(`${y}-`)) holidays.set(date, name);

  const earlyCloses = new Set<string>();
  const mondayToThursday = (m: number, d: number) => weekdayOf(y, m, d) >= 1 && weekdayOf(y, m, d) <= 4;
  if (mondayToThursday(7, 3)) earlyCloses.add(dateKey(y, 7, 3));
  earlyCloses.add(dateKey(y, 11, thanksgiving + 1));
  if (mondayToThursday(12, 24)) earlyCloses.add(dateKey(y, 12, 24));
  const rules = { holidays, earlyCloses };
  byYear.set(y, rules);
  return rules;
}

/** Why the exchange is closed on a New York date (a weekday holiday's name, or 'weekend'), or null when it trades. */
export function closedReason(y: number, m: number, d: number): string | null {
  const wd = weekdayOf(y, m, d);
  if (wd === 0 || wd === 6) return 'weekend';
  return rulesOf(y).holidays.get(dateKey(y, m, d)) ?? null;
}

/** The regular session on a New York date, or null when the exchange does not trade that day. */
export function sessionOn(y: number, m: number, d: number): Session | null {
  if (closedReason(y, m, d) !== null) return null;
  const date = dateKey(y, m, d);
  const earlyClose = rulesOf(y).earlyCloses.has(date);
  return { date, open: newYorkInstant(y, m, d, OPEN_MINUTE), close: newYorkInstant(y, m, d, earlyClose ? EARLY_CLOSE_MINUTE : CLOSE_MINUTE), earlyClose };
}

/** Sessions in time order, from the New York date of `ms` on (that day's included, even if it is over). */
export function* sessionsFrom(ms: number): Generator<Session> {
  let { y, m, d } = newYorkTime(ms);
  for (;;) {
    const s = sessionOn(y, m, d);
    if (s) yield s;
    [y, m, d] = shift(y, m, d, 1);
  }
}

/** The session in progress at `ms`, or null when the market is closed then. */
export function sessionAt(ms: number): Session | null {
  const { y, m, d } = newYorkTime(ms);
  const s = sessionOn(y, m, d);
  return s && ms >= s.open && ms < s.close ? s : null;
}

/**
 * The session an order placed at `ms` belongs to: the one in progress, else the next to open.
 * A day order placed after the close, on a weekend or a holiday waits for it (Alpaca queues such
 * an order for the next trading day).
 */
export function sessionFor(ms: number): Session {
  for (const s of sessionsFrom(ms)) if (s.close > ms) return s;
  throw new Error('unreachable: there is always a next session');
}

/** The first session to open after `ms`. */
export function nextOpen(ms: number): Session {
  for (const s of sessionsFrom(ms)) if (s.open > ms) return s;
  throw new Error('unreachable: there is always a next session');
}
