import { expect, test } from 'bun:test';
import { parseChart } from './chart.ts';
import { fixtureJson } from '../http/scripted-server.ts';

/** The BTC-USD fixture (three daily rows), changed by `edit`. */
const btc = (edit: (result: any) => void): unknown => {
  const json = fixtureJson('yahoo/chart_v8_BTC-USD_1d_2020-01-01_2020-01-03.json') as any;
  edit(json.chart.result[0]);
  return json;
};
const errorOf = (json: unknown): string => {
  const r = parseChart(json);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
};

test("Yahoo's own refusal comes back as its code and description", () => {
  const body = { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } };
  expect(errorOf(body)).toBe('chart.error Not Found: No data found, symbol may be delisted');
});

test('wrong types are reported with the path of the field', () => {
  expect(errorOf(btc((r) => (r.timestamp[1] = '1577923200')))).toBe('chart.result[0].timestamp[1]: Invalid input: expected number, received string');
  expect(errorOf(btc((r) => (r.indicators.quote[0].close[2] = 'x')))).toBe('chart.result[0].indicators.quote[0].close[2]: Invalid input: expected number, received string');
  expect(errorOf(btc((r) => delete r.meta.exchangeTimezoneName))).toBe('chart.result[0].meta.exchangeTimezoneName: Invalid input: expected string, received undefined');
  expect(errorOf(btc((r) => (r.meta.currentTradingPeriod.regular.end = null)))).toMatch(/^chart\.result\[0\]\.meta\.currentTradingPeriod\.regular\.end: /);
  expect(errorOf(btc((r) => (r.indicators.quote = [])))).toMatch(/^chart\.result\[0\]\.indicators\.quote: /);
  expect(errorOf({ chart: {} })).toMatch(/^chart\.result: /);
  expect(errorOf('<html>')).toMatch(/^\(root\): /);
});

test('columns that do not match the timestamps, time going backwards, an unknown zone', () => {
  expect(errorOf(btc((r) => r.indicators.quote[0].volume.pop()))).toBe('chart.result[0].indicators.quote[0].volume: 2 values for 3 timestamps');
  expect(errorOf(btc((r) => delete r.indicators.quote[0].open))).toBe('chart.result[0].indicators.quote[0].open: missing, with 3 timestamps');
  expect(errorOf(btc((r) => (r.timestamp[2] = r.timestamp[0])))).toBe('chart.result[0].timestamp[2]: 1577836800 is not after the previous 1577923200');
  expect(errorOf(btc((r) => (r.meta.exchangeTimezoneName = 'Mars/Olympus')))).toBe('chart.result[0].meta.exchangeTimezoneName: unknown time zone "Mars/Olympus"');
  expect(errorOf({ chart: { result: [], error: null } })).toBe('chart.result: empty, and no chart.error to say why');
});

test('rows with a null or an impossible price are skipped and counted, the rest kept', () => {
  const r = parseChart(btc((r) => {
    r.indicators.quote[0].volume[0] = null;
    r.indicators.quote[0].high[1] = 1; // below its low
  }));
  if (!r.ok) throw new Error(r.error);
  expect(r.chart.bars.map((b) => b.openTime)).toEqual([Date.UTC(2020, 0, 3)]);
  expect(r.chart.skipped).toEqual({ missing: 1, inconsistent: 1, outsideSession: 0 });
});

test('a split with a zero denominator is refused, not turned into an infinite ratio', () => {
  const json = fixtureJson('yahoo/chart_v8_AAPL_1d_2020-08-31_2020-11-07_split_div.json') as any;
  json.chart.result[0].events.splits['1598880600'].denominator = 0;
  expect(errorOf(json)).toBe('chart.result[0].events.splits.1598880600.denominator: Too small: expected number to be >0');
});
