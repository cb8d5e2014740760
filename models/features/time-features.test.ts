import { expect, test } from 'bun:test';
import { dayOfWeekAngle, timeOfDayAngle, utcDayOfWeek, writeDayOfWeek, writeTimeOfDay } from './time-features.ts';

const DAY = 86_400_000;

test('the day of week is the one Date gives, before 1970 too', () => {
  for (let day = -800; day < 800; day += 7.3) {
    const t = Math.round(day * DAY);
    expect(utcDayOfWeek(t)).toBe(new Date(t).getUTCDay());
  }
});

test('the lookup tables give exactly what Math.sin and Math.cos give, and any millisecond still works', () => {
  const out = new Float64Array(2);
  const monday = Date.UTC(2021, 3, 5);
  for (let t = monday - 3 * DAY; t < monday + 8 * DAY; t += 60_000 * 7 + (t % 5 === 0 ? 1 : 0)) {
    writeTimeOfDay(t, out, 0);
    expect([out[0], out[1]]).toEqual([Math.sin(timeOfDayAngle(t)), Math.cos(timeOfDayAngle(t))]);
    writeDayOfWeek(t, out, 0);
    expect([out[0], out[1]]).toEqual([Math.sin(dayOfWeekAngle(t)), Math.cos(dayOfWeekAngle(t))]);
  }
});
