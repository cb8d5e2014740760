/**
 * New York wall time from epoch ms and back, through Intl (the tz database the runtime ships):
 * the exchange's sessions are set in New York time, and its UTC offset changes twice a year.
 * Pure: no clock is read; every instant is passed in.
 */

const ZONE = 'America/New_York';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A New York calendar date and time of day. */
export interface NewYorkTime {
  readonly y: number;
  /** 1–12. */
  readonly m: number;
  readonly d: number;
  readonly minuteOfDay: number;
  /** Minutes east of UTC: -300 in winter, -240 in summer. */
  readonly offset: number;
}

export function newYorkTime(ms: number): NewYorkTime {
  const p: Record<string, string> = {};
  for (const x of parts.formatToParts(new Date(ms))) p[x.type] = x.value;
  const [y, m, d, h, min, s] = [p['year'], p['month'], p['day'], p['hour'], p['minute'], p['second']].map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, h, min, s);
  return { y, m, d, minuteOfDay: h * 60 + min, offset: Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000) };
}

/**
 * The instant that is `minuteOfDay` on New York's calendar day y-m-d. Exact for the times the
 * exchange uses (9:30, 13:00, 16:00): clocks change at 2:00, so those times exist once each day.
 */
export function newYorkInstant(y: number, m: number, d: number, minuteOfDay: number): number {
  const guess = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  return guess - newYorkTime(guess).offset * 60_000;
}

/** `2021-04-14T09:30:00.000-04:00`: the instant in New York's time, with its offset (how Alpaca writes its clock). */
export function newYorkIso(ms: number): string {
  const { offset } = newYorkTime(ms);
  const shifted = new Date(ms + offset * 60_000).toISOString().slice(0, -1);
  const abs = Math.abs(offset);
  return `${shifted}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
