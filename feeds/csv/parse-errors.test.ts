import { describe, expect, test } from 'bun:test';
import { parseCsv } from './parse.ts';

const KLINES = 'open_time,open,high,low,close,volume';
const T = 1617321600000; // 2021-04-02T00:00Z
const kline = (minute: number, o = '10', h = '12', l = '9', c = '11', v = '5') => [T + minute * 60_000, o, h, l, c, v].join(',');
const file = 'BTCUSDT_1m_bad.csv';
const parse = (lines: string[]) => parseCsv(`${lines.join('\n')}\n`, { file });

describe('parseCsv on bad input: every problem located as file:line with its reason', () => {
  test.each([
    ['a truncated line', [KLINES, kline(0), '1617321660000,10,12'], 'expected 6 columns, got 3'],
    ['text in a number', [KLINES, kline(0), kline(1, '10', 'abc')], 'high is not a number: "abc"'],
    ['an empty cell', [KLINES, kline(0), kline(1, '')], 'open is not a number: empty'],
    ['high below low', [KLINES, kline(0), kline(1, '10', '8', '9', '8.5')], 'high 8 is below low 9'],
    ['low above the open', [KLINES, kline(0), kline(1, '10', '12', '10.5', '11')], 'low 10.5 is above min(open 10, close 11)'],
    ['high below the close', [KLINES, kline(0), kline(1, '10', '12', '9', '13')], 'high 12 is below max(open 10, close 13)'],
    ['a negative volume', [KLINES, kline(0), kline(1, '10', '12', '9', '11', '-1')], 'volume -1 is negative'],
    ['Infinity', [KLINES, kline(0), kline(1, 'Infinity')], 'open is not a number: "Infinity"'],
    ['a time in seconds', [KLINES, kline(0), '1617321660,10,12,9,11,5'], 'open_time is not an epoch time in milliseconds (13 digits) or microseconds (16): "1617321660"'],
    ['a time out of order', [KLINES, kline(0), kline(2), kline(1)], 'time 2021-04-02T00:01:00Z is not after 2021-04-02T00:02:00Z on line 3: rows must be in strictly increasing time'],
    ['a repeated time', [KLINES, kline(0), kline(0)], 'time 2021-04-02T00:00:00Z is not after 2021-04-02T00:00:00Z on line 2: rows must be in strictly increasing time'],
    ['a time off the minute', [KLINES, kline(0), `${T + 90_000},10,12,9,11,5`], 'time 2021-04-02T00:01:30Z is not on a 1m boundary'],
  ])('%s', (_what, lines, reason) => {
    const r = parse(lines as string[]);
    expect(r.errors).toEqual([{ file, line: lines.length, reason }]);
    expect(r.rows.length).toBe(lines.length - 2); // the good rows are still returned
  });

  test('an unknown header is one error on line 1, naming what was seen, and no rows', () => {
    const r = parseCsv('time,price,size\n1,2,3\n', { file: 'ticks.csv' });
    expect(r.layout).toBeUndefined();
    expect(r.rows).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'ticks.csv', line: 1 });
    expect(r.errors[0]!.reason).toStartWith('unknown CSV layout: saw the first line "time,price,size"; expected one of binance-klines');
  });

  test('an empty file is an error, not an empty import', () => {
    expect(parseCsv('', { file: 'empty.csv' }).errors).toEqual([{ file: 'empty.csv', line: 1, reason: 'empty file' }]);
  });

  test('every bad line is reported, not only the first', () => {
    const r = parse([KLINES, kline(0), 'garbage', kline(1, 'x'), kline(2), kline(3, '10', '8')]);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 6]);
    expect(r.rows).toHaveLength(2);
  });

  test('daily layouts refuse impossible dates and name the column', () => {
    const stocks = parseCsv('date,open,high,low,close,volume,Name\n2021-02-28,1,2,1,2,3,AAPL\n2021-02-30,1,2,1,2,3,AAPL\n', { file: 'AAPL_data.csv' });
    expect(stocks.errors).toEqual([{ file: 'AAPL_data.csv', line: 3, reason: 'date is not a valid YYYY-MM-DD date: "2021-02-30"' }]);
    const stooq = parseCsv('<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\r\nSPY.US,D,2005022,000000,1,2,1,2,3,0\r\n', { file: 'spy.txt' });
    expect(stooq.errors).toEqual([{ file: 'spy.txt', line: 2, reason: '<DATE> is not a valid YYYYMMDD date: "2005022"' }]);
  });

  test('a stocks file holds one symbol; Stooq rows must be daily', () => {
    const mixed = parseCsv('date,open,high,low,close,volume,Name\n2021-03-01,1,2,1,2,3,AAPL\n2021-03-02,1,2,1,2,3,MSFT\n', { file: 'x.csv' });
    expect(mixed.errors).toEqual([{ file: 'x.csv', line: 3, reason: 'symbol MSFT differs from AAPL on line 2: a file holds one symbol' }]);
    const intraday = parseCsv('<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\nSPY.US,5,20050225,153000,1,2,1,2,3,0\n', { file: 'spy.txt' });
    expect(intraday.errors).toEqual([{ file: 'spy.txt', line: 2, reason: '<PER> must be D (daily), got "5"' }]);
  });

  test("a 12-column kline whose close_time is not after its open_time", () => {
    const r = parseCsv(`${T},1,2,1,2,3,${T - 1},6,7,1,2,0\n`, { file: 'LINKUSDT-1m.csv' });
    expect(r.errors).toEqual([{ file: 'LINKUSDT-1m.csv', line: 1, reason: `close_time ${T - 1} is not after open_time ${T}` }]);
  });

  test('a FRED value that is text rather than a number or the missing marker is an error', () => {
    const r = parseCsv('DATE,DGS10\n2020-01-02,1.88\n2020-01-03,n/a\n2020-01-06,\n', { file: 'DGS10.csv' });
    expect(r.errors).toEqual([{ file: 'DGS10.csv', line: 3, reason: 'value is not a number: "n/a"' }]);
    expect(r.skipped).toEqual([{ line: 4, reason: 'missing value' }]);
  });
});
