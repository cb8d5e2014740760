import { expect, test } from 'bun:test';
import { nextDailyRun } from './schedule.ts';

test('the next time the UTC clock reads the hour, strictly after now', () => {
  expect(nextDailyRun(Date.UTC(2020, 4, 20, 9), 14)).toBe(Date.UTC(2020, 4, 20, 14));
  expect(nextDailyRun(Date.UTC(2020, 4, 20, 14), 14)).toBe(Date.UTC(2020, 4, 21, 14));
  expect(nextDailyRun(Date.UTC(2020, 4, 20, 23, 59), 0)).toBe(Date.UTC(2020, 4, 21, 0));
  expect(nextDailyRun(Date.UTC(2020, 11, 31, 15), 14)).toBe(Date.UTC(2021, 0, 1, 14));
});

test('an hour outside 0–23 is refused', () => {
  expect(() => nextDailyRun(0, 24)).toThrow('hourUtc must be an integer 0–23, got 24');
  expect(() => nextDailyRun(0, 1.5)).toThrow(RangeError);
});
