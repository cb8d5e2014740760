import { describe, expect, test } from 'bun:test';
import manifest from '../../data/manifest.json';
import { readBundled } from '../../data/read.ts';
import { parseCsv } from './parse.ts';

/** Every bundled OHLCV file (the aggTrades file is ticks, not bars), by path without `.gz`. */
const files = manifest.files.filter((f) => !f.path.includes('aggTrades')).map((f) => ({ ...f, csv: f.path.replace(/\.gz$/, '') }));
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const rawTime = (text: string) => (/^\d{8}$/.test(text) ? day(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`) : /^\d+$/.test(text) ? Number(text) : day(text));

describe('parseCsv on every bundled file', () => {
  test.each(files)('$csv', async ({ csv, rows, first, last }) => {
    const r = parseCsv(await readBundled(csv), { file: csv });
    expect(r.errors).toEqual([]);
    expect(r.rows.length + r.skipped.length).toBe(rows);
    expect(r.symbol).toBe(csv.split('/').at(-1)!.split(/[_.-]/)[0]!); // C_data.csv holds C, Name column C
    expect(r.tf).toBe(csv.startsWith('crypto/') ? '1m' : '1d');
    // The manifest's first/last are raw cells; FRED files may start on a missing value.
    if (r.skipped[0]?.line !== 2) expect(r.rows[0]!.openTime).toBe(rawTime(first));
    expect(r.rows.at(-1)!.openTime).toBe(rawTime(last));
  });
});

describe('each layout, on its real file', () => {
  test('Binance 6-column klines: ms epochs, symbol and timeframe from the file name', async () => {
    const file = 'crypto/binance_spot_1m/BTCUSDT_1m_2021-04-02_2021-04-30.csv';
    const r = parseCsv(await readBundled(file), { file });
    expect(r).toMatchObject({ layout: 'binance-klines', symbol: 'BTCUSDT', tf: '1m', skipped: [] });
    expect(r.rows[0]).toEqual({ openTime: 1617321600000, open: 58720.45, high: 58840.43, low: 58720.44, close: 58760.34, volume: 61.685675 });
    expect(Math.max(...r.rows.map((b) => b.high))).toBe(64_854);
  });

  test('Binance 12-column klines, with and without their header, give the same bars', async () => {
    const file = 'crypto/binance_um_futures_1m_full/LINKUSDT-1m-2023-02_first2000.csv';
    const text = await readBundled(file);
    const r = parseCsv(text, { file });
    expect(r).toMatchObject({ layout: 'binance-klines-full', symbol: 'LINKUSDT', tf: '1m' });
    expect(r.rows[0]).toEqual({ openTime: 1675209600000, open: 6.949, high: 6.959, low: 6.947, close: 6.957, volume: 30020.25 });
    const headerless = parseCsv(text.slice(text.indexOf('\n') + 1), { file });
    expect(headerless.rows).toEqual(r.rows);
  });

  test('a headerless file without a timeframe in its name takes the smallest step between rows', async () => {
    const text = await readBundled('crypto/binance_spot_1m/ETHUSDT_1m_2021-04-02_2021-04-30.csv');
    const r = parseCsv(text.slice(text.indexOf('\n') + 1), { file: 'ETHUSDT.csv' });
    expect(r).toMatchObject({ layout: 'binance-klines', symbol: 'ETHUSDT', tf: '1m', errors: [] });
    expect(r.rows).toHaveLength(41_326);
  });

  test('stocks daily: dates at UTC midnight, the symbol from the Name column', async () => {
    const r = parseCsv(await readBundled('stocks/daily/AAPL_data.csv'), { file: 'prices.csv' });
    expect(r).toMatchObject({ layout: 'stocks-daily', symbol: 'AAPL', tf: '1d' });
    expect(r.rows[0]).toEqual({ openTime: Date.UTC(2013, 1, 8), open: 67.7142, high: 68.4014, low: 66.8928, close: 67.8542, volume: 158168416 });
    const orcl = parseCsv(await readBundled('stocks/daily/ORCL_data.csv'), { file: 'ORCL_data.csv' });
    // ORCL lacks 2013-07-15 and -16 (SOURCES.md): a gap, not an error.
    expect(orcl.rows.map((b) => b.openTime)).not.toContain(day('2013-07-15'));
    expect(orcl.rows).toHaveLength(1_257);
  });

  test('Stooq SPY: CRLF lines, YYYYMMDD dates, SPY.US read as SPY', async () => {
    const file = 'stocks/etf/SPY_stooq_daily_2005-02-25_2019-12-31.csv';
    const r = parseCsv(await readBundled(file), { file: 'spy.us.txt' });
    expect(r).toMatchObject({ layout: 'stooq-daily', symbol: 'SPY', tf: '1d', errors: [], skipped: [] });
    expect(r.rows[0]).toEqual({ openTime: day('2005-02-25'), open: 96.1403, high: 97.2558, low: 96.052, close: 97.0723, volume: 76530081.487282 });
  });

  test('FRED: missing observations are skipped and counted; a value is a flat bar without volume', async () => {
    const r = parseCsv(await readBundled('macro/fred/DGS10.csv'), { file: 'DGS10.csv' });
    expect(r).toMatchObject({ layout: 'fred', symbol: 'DGS10', tf: '1d', errors: [] });
    expect(r.skipped).toHaveLength(502);
    expect(r.skipped[0]).toEqual({ line: 2, reason: 'missing value' });
    expect(r.rows.find((b) => b.openTime === day('1981-09-30'))).toEqual({ openTime: day('1981-09-30'), open: 15.84, high: 15.84, low: 15.84, close: 15.84, volume: 0 });
    const unrate = parseCsv(await readBundled('macro/fred/UNRATE.csv'), { file: 'UNRATE.csv' });
    expect(unrate.skipped).toEqual([{ line: 551, reason: 'missing value' }]); // 2025-10-01, not published
  });

  test("FRED's own download header names the series and writes '.' for a missing value", () => {
    const r = parseCsv('observation_date,FEDFUNDS\n2020-03-01,0.65\n2020-04-01,.\n2020-05-01,0.05\n', { file: 'fred-download.csv' });
    expect(r).toMatchObject({ layout: 'fred', symbol: 'FEDFUNDS', errors: [], skipped: [{ line: 3, reason: 'missing value' }] });
    expect(r.rows.map((b) => b.close)).toEqual([0.65, 0.05]);
  });

  test('microsecond epochs (Binance spot from 2025) are read as milliseconds', () => {
    const r = parseCsv('1735689600000000,93576.0,93610.93,93537.5,93610.93,8.21827\n1735689660000000,93610.93,93610.94,93598.0,93598.0,4.9\n', { file: 'BTCUSDT-1m-2025-01-01.csv' });
    expect(r.errors).toEqual([]);
    expect(r.rows.map((b) => b.openTime)).toEqual([1735689600000, 1735689660000]);
  });
});
