import { expect, test } from 'bun:test';
import { marketClock, newYorkIso } from './clock.ts';

const at = (iso: string) => Date.parse(iso);

test('New York times carry their offset, summer and winter', () => {
  expect(newYorkIso(at('2021-04-14T13:30:00Z'))).toBe('2021-04-14T09:30:00.000-04:00');
  expect(newYorkIso(at('2021-01-14T14:30:00.500Z'))).toBe('2021-01-14T09:30:00.500-05:00');
});

test('open during a weekday session; the next open is the next weekday morning', () => {
  // Wednesday 14 April 2021, 10:00 in New York.
  expect(marketClock(at('2021-04-14T14:00:00Z'))).toEqual({
    timestamp: '2021-04-14T10:00:00.000-04:00',
    is_open: true,
    next_open: '2021-04-15T09:30:00.000-04:00',
    next_close: '2021-04-14T16:00:00.000-04:00',
  });
});

test('closed before the open, at the close and over the weekend', () => {
  expect(marketClock(at('2021-04-14T13:29:59Z'))).toMatchObject({ is_open: false, next_open: '2021-04-14T09:30:00.000-04:00', next_close: '2021-04-14T16:00:00.000-04:00' });
  expect(marketClock(at('2021-04-14T20:00:00Z'))).toMatchObject({ is_open: false, next_open: '2021-04-15T09:30:00.000-04:00', next_close: '2021-04-15T16:00:00.000-04:00' });
  // Friday evening → Monday.
  expect(marketClock(at('2021-04-16T22:00:00Z'))).toMatchObject({ is_open: false, next_open: '2021-04-19T09:30:00.000-04:00', next_close: '2021-04-19T16:00:00.000-04:00' });
  expect(marketClock(at('2021-04-17T15:00:00Z'))).toMatchObject({ is_open: false, next_open: '2021-04-19T09:30:00.000-04:00' });
});

test('the session follows New York across a daylight-saving change', () => {
  // Monday 15 March 2021, the day after clocks went forward: 9:30 is 13:30 UTC, not 14:30.
  expect(marketClock(at('2021-03-15T13:45:00Z'))).toMatchObject({ is_open: true, timestamp: '2021-03-15T09:45:00.000-04:00' });
  expect(marketClock(at('2021-03-12T14:15:00Z'))).toMatchObject({ is_open: false, next_open: '2021-03-12T09:30:00.000-05:00' });
});

test('holidays and early closes are known: Good Friday is skipped, Christmas Eve 2018 closes at 13:00', () => {
  // Thursday 1 April 2021 after the close: Good Friday, then the weekend.
  expect(marketClock(at('2021-04-01T21:00:00Z'))).toMatchObject({ is_open: false, next_open: '2021-04-05T09:30:00.000-04:00', next_close: '2021-04-05T16:00:00.000-04:00' });
  expect(marketClock(at('2018-12-24T17:00:00Z'))).toMatchObject({ is_open: true, next_close: '2018-12-24T13:00:00.000-05:00', next_open: '2018-12-26T09:30:00.000-05:00' });
  expect(marketClock(at('2018-12-24T18:30:00Z'))).toMatchObject({ is_open: false, next_open: '2018-12-26T09:30:00.000-05:00' });
});
