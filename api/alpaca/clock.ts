/**
 * Alpaca's `GET /v2/clock`: the US stock market's regular session, 9:30 to 16:00 in New York on
 * weekdays. Exchange holidays and early closes are not known here (no calendar yet), so a holiday
 * reads as an ordinary trading day. Crypto has no session: it trades at any hour, whatever this
 * clock says. Times are written as Alpaca writes them, ISO 8601 at New York's offset.
 */
export interface MarketClock {
  timestamp: string;
  is_open: boolean;
  next_open: string;
  next_close: string;
}

const ZONE = 'America/New_York';
const OPEN_MINUTE = 9 * 60 + 30;
const CLOSE_MINUTE = 16 * 60;
const DAY = 86_400_000;

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});

interface Local {
  y: number;
  m: number;
  d: number;
  minuteOfDay: number;
  weekday: string;
  /** Minutes east of UTC (New York: -300 or -240). */
  offset: number;
}

function local(ms: number): Local {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value])) as Record<string, string>;
  const [y, m, d, h, min, s] = [p['year'], p['month'], p['day'], p['hour'], p['minute'], p['second']].map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, h, min, s);
  return { y, m, d, minuteOfDay: h * 60 + min, weekday: p['weekday']!, offset: Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000) };
}

/** The instant that is `minuteOfDay` on New York's calendar day y-m-d. */
function instant(y: number, m: number, d: number, minuteOfDay: number): number {
  const guess = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  return guess - local(guess).offset * 60_000;
}

/** `2021-04-14T09:30:00.000-04:00`: the instant in New York's time, with its offset. */
export function newYorkIso(ms: number): string {
  const l = local(ms);
  const shifted = new Date(ms + l.offset * 60_000).toISOString().slice(0, -1);
  const sign = l.offset < 0 ? '-' : '+';
  const abs = Math.abs(l.offset);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const isWeekday = (l: Local) => l.weekday !== 'Sat' && l.weekday !== 'Sun';

/** The market clock at `now` (epoch ms, the engine's clock). */
export function marketClock(now: number): MarketClock {
  const today = local(now);
  const open = instant(today.y, today.m, today.d, OPEN_MINUTE);
  const close = instant(today.y, today.m, today.d, CLOSE_MINUTE);
  const isOpen = isWeekday(today) && now >= open && now < close;
  // The next session that has not started yet: today's if it is a weekday before 9:30, else the next weekday's.
  let day = isWeekday(today) && now < open ? today : null;
  for (let step = 1; day === null; step++) {
    const later = local(now + step * DAY);
    if (isWeekday(later)) day = later;
  }
  const nextOpen = instant(day.y, day.m, day.d, OPEN_MINUTE);
  const nextClose = isOpen ? close : instant(day.y, day.m, day.d, CLOSE_MINUTE);
  return { timestamp: newYorkIso(now), is_open: isOpen, next_open: newYorkIso(nextOpen), next_close: newYorkIso(nextClose) };
}
