import { expect, test } from 'bun:test';
import { parseChart, type ParsedChart } from './chart.ts';
import { fixtureJson } from '../http/scripted-server.ts';

const parsed = (name: string): ParsedChart => {
  const r = parseChart(fixtureJson(`yahoo/${name}`));
  if (!r.ok) throw new Error(r.error);
  return r.chart;
};
const iso = (ms: number) => new Date(ms).toISOString();

test('daily AAPL 2020: 49 bars on their New York dates, the 4:1 split and the dividend on their ex-dates', () => {
  const c = parsed('chart_v8_AAPL_1d_2020-08-31_2020-11-07_split_div.json');
  expect(c.symbol).toBe('AAPL');
  expect(c.granularity).toBe('1d');
  expect(c.bars).toHaveLength(49);
  expect(c.skipped).toEqual({ missing: 0, inconsistent: 0, outsideSession: 0 });
  // Yahoo stamps the bar 13:30 UTC (the opening bell); the bar belongs to the date 2020-08-31.
  expect(iso(c.bars[0]!.openTime)).toBe('2020-08-31T00:00:00.000Z');
  expect(c.bars[0]).toMatchObject({ open: 127.58000183105469, high: 131, low: 126, close: 129.0399932861328, volume: 225702700 });
  expect(iso(c.bars.at(-1)!.openTime)).toBe('2020-11-06T00:00:00.000Z');
  expect(c.splits).toEqual([{ time: Date.UTC(2020, 7, 31), ratio: 4 }]);
  expect(c.dividends).toEqual([{ time: Date.UTC(2020, 10, 6), amount: 0.205 }]);
  expect(c.meta.exchangeTimezoneName).toBe('America/New_York');
  expect(c.meta.currentTradingPeriod?.regular).toEqual({ timezone: 'EST', start: 1740061800, end: 1740085200, gmtoffset: -18000 });
});

test('intraday AAPL 2024-10-02: 390 minutes less the null row; the price Yahoo appends after the close is left out', () => {
  const c = parsed('chart_v8_AAPL_1m_2024-10-02.json');
  expect(c.granularity).toBe('1m');
  expect(c.skipped).toEqual({ missing: 1, inconsistent: 0, outsideSession: 1 });
  expect(c.bars).toHaveLength(389);
  expect(iso(c.bars[0]!.openTime)).toBe('2024-10-02T13:30:00.000Z');
  expect(iso(c.bars.at(-1)!.openTime)).toBe('2024-10-02T19:59:00.000Z');
  // Row 105 (15:15 UTC) has nulls: 15:14 is followed directly by 15:16.
  const i = c.bars.findIndex((b) => b.openTime === Date.UTC(2024, 9, 2, 15, 14));
  expect(c.bars[i + 1]!.openTime).toBe(Date.UTC(2024, 9, 2, 15, 16));
  expect(c.bars.every((b, k) => k === 0 || b.openTime > c.bars[k - 1]!.openTime)).toBe(true);
  expect(c.meta.tradingPeriods).toHaveLength(3);
});

test('BTC-USD daily: three UTC days, no events', () => {
  const c = parsed('chart_v8_BTC-USD_1d_2020-01-01_2020-01-03.json');
  expect(c.bars.map((b) => iso(b.openTime))).toEqual(['2020-01-01T00:00:00.000Z', '2020-01-02T00:00:00.000Z', '2020-01-03T00:00:00.000Z']);
  expect(c.bars[2]).toMatchObject({ open: 6984.4287109375, close: 7344.88427734375, volume: 28111481032 });
  expect(c.splits).toEqual([]);
  expect(c.dividends).toEqual([]);
  expect(c.meta.instrumentType).toBe('CRYPTOCURRENCY');
});

test('a weekend request (no timestamp key, an empty quote) is a valid empty result', () => {
  const c = parsed('chart_v8_AAPL_1m_2025-02-01_weekend_empty.json');
  expect(c.bars).toEqual([]);
  expect(c.skipped).toEqual({ missing: 0, inconsistent: 0, outsideSession: 0 });
  expect(c.symbol).toBe('AAPL');
  expect(c.meta.currentTradingPeriod?.regular.start).toBe(1740061800);
});
