import { expect, test } from 'bun:test';
import { parseInstant } from './params.ts';

test('an instant is epoch ms, an ISO date (UTC midnight) or an ISO date-time with its offset', () => {
  expect(parseInstant('1618358400000')).toBe(Date.UTC(2021, 3, 14));
  expect(parseInstant('0')).toBe(0);
  expect(parseInstant('2021-04-14')).toBe(Date.UTC(2021, 3, 14));
  expect(parseInstant('2021-04-14T12:30Z')).toBe(Date.UTC(2021, 3, 14, 12, 30));
  expect(parseInstant('2021-04-14T12:30:15.250Z')).toBe(Date.UTC(2021, 3, 14, 12, 30, 15, 250));
  expect(parseInstant('2021-04-14T14:30:00+02:00')).toBe(Date.UTC(2021, 3, 14, 12, 30));
  expect(parseInstant('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
});

test('anything else is refused, including a time without an offset and a day its month does not have', () => {
  for (const text of ['', 'yesterday', '2021-04-14T12:30', '2021-02-30', '2023-02-29', '2021-13-01', '2021-04-14T25:00Z', '14/04/2021', '1.5e12', '12345678901234567']) {
    expect(parseInstant(text)).toBeNull();
  }
});
