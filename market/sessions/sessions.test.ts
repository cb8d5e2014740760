import { describe, expect, test } from 'bun:test';
import { bundledBars, bundledDaily } from '../../data/read.ts';
import { dayOrderExpiry } from './day-orders.ts';
import { newYorkIso } from './new-york.ts';
import { closedReason, easter, nextOpen, sessionAt, sessionFor, sessionOn, sessionsFrom } from './nyse.ts';

const at = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

/** Every weekday of a year the exchange is closed, and its early closes, as the calendar says. */
function yearOf(y: number) {
  const closed: string[] = [];
  const early: string[] = [];
  for (let t = Date.UTC(y, 0, 1); t < Date.UTC(y + 1, 0, 1); t += DAY) {
    const d = new Date(t);
    const [m, day] = [d.getUTCMonth() + 1, d.getUTCDate()];
    const reason = closedReason(y, m, day);
    const key = d.toISOString().slice(5, 10);
    if (reason !== null && reason !== 'weekend') closed.push(key);
    if (sessionOn(y, m, day)?.earlyClose) early.push(key);
  }
  return { closed, early };
}

describe('the NYSE calendar, against the exchange’s published holidays and early closes', () => {
  // From the NYSE's holiday pages for each year.
  const PUBLISHED: Record<number, { closed: string[]; early: string[] }> = {
    2013: { closed: ['01-01', '01-21', '02-18', '03-29', '05-27', '07-04', '09-02', '11-28', '12-25'], early: ['07-03', '11-29', '12-24'] },
    2015: { closed: ['01-01', '01-19', '02-16', '04-03', '05-25', '07-03', '09-07', '11-26', '12-25'], early: ['11-27', '12-24'] },
    2016: { closed: ['01-01', '01-18', '02-15', '03-25', '05-30', '07-04', '09-05', '11-24', '12-26'], early: ['11-25'] },
    2017: { closed: ['01-02', '01-16', '02-20', '04-14', '05-29', '07-04', '09-04', '11-23', '12-25'], early: ['07-03', '11-24'] },
    2018: { closed: ['01-01', '01-15', '02-19', '03-30', '05-28', '07-04', '09-03', '11-22', '12-05', '12-25'], early: ['07-03', '11-23', '12-24'] },
    2021: { closed: ['01-01', '01-18', '02-15', '04-02', '05-31', '07-05', '09-06', '11-25', '12-24'], early: ['11-26'] },
    2022: { closed: ['01-17', '02-21', '04-15', '05-30', '06-20', '07-04', '09-05', '11-24', '12-26'], early: ['11-25'] },
    2023: { closed: ['01-02', '01-16', '02-20', '04-07', '05-29', '06-19', '07-04', '09-04', '11-23', '12-25'], early: ['07-03', '11-24'] },
    2024: { closed: ['01-01', '01-15', '02-19', '03-29', '05-27', '06-19', '07-04', '09-02', '11-28', '12-25'], early: ['07-03', '11-29', '12-24'] },
    2025: { closed: ['01-01', '01-09', '01-20', '02-17', '04-18', '05-26', '06-19', '07-04', '09-01', '11-27', '12-25'], early: ['07-03', '11-28', '12-24'] },
  };
  for (const [year, expected] of Object.entries(PUBLISHED)) {
    test(String(year), () => expect(yearOf(Number(year))).toEqual(expected));
  }

  test('Easter, for Good Friday', () => {
    expect(easter(2019)).toEqual([4, 21]);
    expect(easter(2021)).toEqual([4, 4]);
    expect(easter(2038)).toEqual([4, 25]);
  });

  /** The sessions from a bundled daily file's first bar to its last, and the dates it has bars for. */
  function against(symbol: string) {
    const bars = bundledBars(bundledDaily(symbol)!);
    const traded = bars.map((b) => new Date(b.openTime).toISOString().slice(0, 10));
    const sessions: string[] = [];
    for (const s of sessionsFrom(bars[0]!.openTime + 12 * 3_600_000)) {
      if (s.date > traded.at(-1)!) break;
      sessions.push(s.date);
    }
    return { traded, sessions };
  }

  test('every day the bundled SPY (2005–2019) and AAPL (2013–2018) files traded is a session, and every session in their spans has a bar', () => {
    const spy = against('SPY');
    // Stooq's SPY file lacks one trading day: the exchange was open on Thursday 17 February 2011.
    expect(spy.sessions.filter((d) => d !== '2011-02-17')).toEqual(spy.traded);
    expect(spy.traded).toContain('2007-01-03'); // after Ford's day of mourning
    expect(spy.traded).not.toContain('2012-10-29');
    const aapl = against('AAPL');
    expect(aapl.sessions).toEqual(aapl.traded);
    expect(aapl.sessions.length).toBeGreaterThan(1_250);
  });
});

describe('sessions in time', () => {
  test('a session opens at 9:30 and closes at 16:00 New York time, 13:00 on an early close, across daylight saving', () => {
    expect(sessionOn(2021, 3, 15)).toEqual({ date: '2021-03-15', open: at('2021-03-15T13:30:00Z'), close: at('2021-03-15T20:00:00Z'), earlyClose: false });
    expect(sessionOn(2021, 3, 12)).toMatchObject({ open: at('2021-03-12T14:30:00Z'), close: at('2021-03-12T21:00:00Z') });
    expect(sessionOn(2018, 12, 24)).toMatchObject({ close: at('2018-12-24T18:00:00Z'), earlyClose: true });
    expect(sessionOn(2018, 12, 25)).toBeNull();
    expect(newYorkIso(sessionOn(2018, 11, 23)!.close)).toBe('2018-11-23T13:00:00.000-05:00');
  });

  test('in progress, and the one an order placed at a time belongs to', () => {
    expect(sessionAt(at('2021-04-14T14:00:00Z'))?.date).toBe('2021-04-14');
    expect(sessionAt(at('2021-04-14T20:00:00Z'))).toBeNull(); // the close itself is closed
    expect(sessionFor(at('2021-04-14T12:00:00Z')).date).toBe('2021-04-14'); // before the open: today's
    expect(sessionFor(at('2021-04-14T19:59:59Z')).date).toBe('2021-04-14');
    expect(sessionFor(at('2021-04-14T20:00:00Z')).date).toBe('2021-04-15'); // at the close: tomorrow's
    expect(sessionFor(at('2021-04-01T21:00:00Z')).date).toBe('2021-04-05'); // Thursday evening, Good Friday, a weekend
    expect(nextOpen(at('2021-04-14T14:00:00Z')).date).toBe('2021-04-15');
    expect(nextOpen(at('2021-04-14T12:00:00Z')).date).toBe('2021-04-14');
  });
});

describe('when a day order expires', () => {
  test('a stock’s at the close of its session, the next one after hours, an early close on an early-close day', () => {
    expect(dayOrderExpiry('us_equity', at('2021-04-14T14:00:00Z'))).toBe(at('2021-04-14T20:00:00Z'));
    expect(dayOrderExpiry('us_equity', at('2021-04-14T22:00:00Z'))).toBe(at('2021-04-15T20:00:00Z'));
    expect(dayOrderExpiry('us_equity', at('2021-04-17T12:00:00Z'))).toBe(at('2021-04-19T20:00:00Z'));
    expect(dayOrderExpiry('us_equity', at('2018-12-24T15:00:00Z'))).toBe(at('2018-12-24T18:00:00Z'));
    // A replayed daily bar prints at 00:00 UTC, the evening before in New York: its order lives through that UTC day's session.
    expect(dayOrderExpiry('us_equity', at('2017-06-05T00:00:00Z'))).toBe(at('2017-06-05T20:00:00Z'));
  });

  test('a crypto one at the next 00:00 UTC', () => {
    expect(dayOrderExpiry('crypto', at('2021-04-14T14:00:00Z'))).toBe(at('2021-04-15T00:00:00Z'));
    expect(dayOrderExpiry('crypto', at('2021-04-14T00:00:00Z'))).toBe(at('2021-04-15T00:00:00Z'));
    expect(dayOrderExpiry('crypto', at('2021-04-14T23:59:59.999Z'))).toBe(at('2021-04-15T00:00:00Z'));
  });
});
