import { expect, test } from 'bun:test';
import { apply } from './apply.ts';
import { accountConfigSchema } from './config.ts';
import { decideMark, decideSubmit, decideTick, type Decision } from './decide.ts';
import { emptyEquityHistory, equityBefore, equitySeries, recordEquity } from './equity.ts';
import { unopened } from './state.ts';
import { accountView } from './views.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2021, 3, 1);

test('each tier keeps the last reading of its bucket, for as long as it keeps readings', () => {
  const h = emptyEquityHistory();
  for (let m = 0; m <= 3 * 24 * 60; m += 30) {
    recordEquity(h, T0 + m * MIN, 1_000 + m); // a first reading in the minute...
    recordEquity(h, T0 + m * MIN + 30_000, 2_000 + m); // ...replaced by the minute's last
  }
  const end = T0 + 3 * DAY + 30_000;
  expect(h.minute.at(-1)).toEqual([end, 2_000 + 3 * 24 * 60]);
  expect(h.minute[0]![0]).toBeGreaterThanOrEqual(end - DAY); // a day of minutes
  expect(h.minute).toHaveLength(49);
  expect(h.hour).toHaveLength(3 * 24 + 1);
  expect(h.hour[0]).toEqual([T0 + 30 * MIN + 30_000, 2_030]); // the first hour's last reading
  expect(h.day.map((s) => s[0])).toEqual([T0 + 23 * HOUR + 30 * MIN + 30_000, T0 + DAY + 23 * HOUR + 30 * MIN + 30_000, T0 + 2 * DAY + 23 * HOUR + 30 * MIN + 30_000, end]);
  const series = equitySeries(h);
  expect(series.map((s) => s[0])).toEqual([...series.map((s) => s[0])].sort((a, b) => a - b));
  expect(new Set(series.map((s) => s[0])).size).toBe(series.length);
  expect(equityBefore(h, T0 + 2 * DAY, 0)).toBe(2_000 + 2 * 24 * 60 - 30); // the last reading of the day before
  expect(equityBefore(h, T0, 123)).toBe(123);
});

test('a reading older than the last is taken at the last one’s time: the series never runs backwards', () => {
  const h = emptyEquityHistory();
  recordEquity(h, T0 + 5 * MIN, 10);
  recordEquity(h, T0 + 4 * MIN, 11);
  expect(equitySeries(h)).toEqual([[T0 + 5 * MIN, 11]]);
});

test('a held position is marked at most once a minute from unlogged ticks; fills and marks make the equity history', () => {
  const s = unopened('acc');
  const commit = (d: Decision) => d.ok && d.events.forEach((e) => apply(s, e));
  commit({ ok: true, events: [{ type: 'opened', at: 0, accountId: 'acc', cash: 1_000, config: accountConfigSchema.parse({}) }] });
  commit(decideSubmit(s, { BTCUSDT: 100 }, { symbol: 'BTCUSDT', side: 'buy', type: 'market', time_in_force: 'gtc', qty: 2 }, T0));
  expect(decideMark(s, { symbol: 'BTCUSDT', time: T0 + 1, price: 100 })).toBeNull(); // no position yet
  const t = decideTick(s, { symbol: 'BTCUSDT', time: T0 + 1_000, price: 100, size: 10 })!;
  apply(s, t.event, t.update);
  expect(equitySeries(s.equity)).toEqual([[T0 + 1_000, 1_000]]);
  expect(decideTick(s, { symbol: 'BTCUSDT', time: T0 + 2_000, price: 101, size: 1 })).toBeNull(); // no working orders: not a tick event
  expect(decideMark(s, { symbol: 'BTCUSDT', time: T0 + 2_000, price: 101 })).toBeNull(); // same minute as the fill's price
  expect(decideMark(s, { symbol: 'ETHUSDT', time: T0 + MIN, price: 9 })).toBeNull(); // not held
  const mark = decideMark(s, { symbol: 'BTCUSDT', time: T0 + MIN + 5, price: 110 });
  expect(mark).toEqual({ type: 'marked', at: T0 + MIN + 5, symbol: 'BTCUSDT', price: 110 });
  apply(s, mark!);
  expect(decideMark(s, { symbol: 'BTCUSDT', time: T0 + MIN + 10, price: 111 })).toBeNull();
  expect(decideMark(s, { symbol: 'BTCUSDT', time: T0 + 1, price: 111 })).toBeNull(); // older than the last mark
  expect(equitySeries(s.equity)).toEqual([
    [T0 + 1_000, 1_000],
    [T0 + MIN + 5, 1_020],
  ]);
  apply(s, decideMark(s, { symbol: 'BTCUSDT', time: T0 + DAY + 1, price: 120 })!);
  expect(accountView(s, {}).lastEquity).toBe(1_020); // the day before's last reading
  expect(s.time).toBe(T0 + DAY + 1);
});
