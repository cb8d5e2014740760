import { expect, test } from 'bun:test';
import { historyQuery, portfolioHistory } from './portfolio-history.ts';

const MIN = 60_000;
const T0 = Date.UTC(2021, 3, 14);
const query = (q: Record<string, string>) => historyQuery.parse(q);

test('bars close at the last reading before the next bar; gaps carry forward; p&l from the period start', () => {
  const h = { openingCash: 1_000, time: T0 + 5 * MIN, samples: [[T0 - 10 * MIN, 1_010], [T0 + MIN + 5, 1_050], [T0 + MIN + 30_000, 1_040], [T0 + 4 * MIN, 990]] as [number, number][] };
  const out = portfolioHistory(h, query({ period: '1D', timeframe: '1Min' }), 0);
  expect(out.timeframe).toBe('1Min');
  expect(out.base_value).toBe(1_000); // the period starts a day before T0 + 5 min, before any reading
  expect(out.timestamp).toHaveLength(24 * 60);
  expect(out.timestamp.at(-1)).toBe((T0 + 4 * MIN) / 1000);
  const tail = (xs: number[]) => xs.slice(-6);
  // Bars T0-1min .. T0+4min: the reading before T0, then the minute-1 bar's last reading, carried, then 990.
  expect(tail(out.equity)).toEqual([1_010, 1_010, 1_040, 1_040, 1_040, 990]);
  expect(tail(out.profit_loss)).toEqual([10, 10, 40, 40, 40, -10]);
  expect(out.profit_loss_pct.at(-1)).toBeCloseTo(-0.01, 12);
});

test('date_end ends the period at the end of that UTC day; a reading before the period is its base', () => {
  const h = { openingCash: 500, time: T0 + 3 * 86_400_000, samples: [[T0 - 86_400_000 * 2, 600], [T0 + 3_600_000, 660]] as [number, number][] };
  const out = portfolioHistory(h, query({ period: '1D', timeframe: '1H', date_end: '2021-04-14' }), 0);
  expect(out.timestamp).toEqual(Array.from({ length: 24 }, (_, k) => (T0 + k * 3_600_000) / 1000));
  expect(out.base_value).toBe(600);
  expect(out.equity.slice(0, 2)).toEqual([600, 660]);
  expect(out.profit_loss_pct[1]).toBeCloseTo(0.1, 12);
});

test('the defaults are Alpaca’s: a month of days; short periods get finer bars', () => {
  expect(query({})).toEqual({ periodMs: 30 * 86_400_000, timeframe: '1D', dateEnd: null });
  expect(query({ period: '2D' }).timeframe).toBe('1Min');
  expect(query({ period: '2W' }).timeframe).toBe('15Min');
});

test('a bad query is refused naming the field; too many points asks for a coarser timeframe', () => {
  const issues = (q: Record<string, string>) => historyQuery.safeParse(q).error?.issues.map((i) => i.message);
  expect(issues({ period: '1Y' })).toEqual(['period must be a number and a unit D, W, M or A (1D, 2W, 1M, 1A), got "1Y"']);
  expect(issues({ timeframe: '2H' })).toEqual(['timeframe must be one of 1Min, 5Min, 15Min, 1H, 1D, got "2H"']);
  expect(issues({ date_end: '2021-02-30' })).toEqual(['date_end is not a calendar date: "2021-02-30"']);
  expect(issues({ period: '1A', timeframe: '1Min' })).toEqual(['period 1A at timeframe 1Min makes 525600 points; at most 10080: use a coarser timeframe or a shorter period']);
});
