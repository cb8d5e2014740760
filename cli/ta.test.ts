import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledBars, readBundled } from '../data/read.ts';
import { CandleSeries, type Bar } from '../market/candles/index.ts';
import { INDICATOR_COLUMNS, IndicatorSet, type IndicatorRow } from '../market/indicators/index.ts';
import { bucketStart, type Timeframe } from '../market/timeframes.ts';

const ROOT = join(import.meta.dir, '..');
const dir = mkdtempSync(join(tmpdir(), 'tickflow-ta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BTC = 'data/crypto/binance_spot_1m/BTCUSDT_1m_2021-04-02_2021-04-30.csv.gz';
const AAPL = 'data/stocks/daily/AAPL_data.csv.gz';
const HEADER = ['open_time', ...INDICATOR_COLUMNS].join(',');

/** Runs the real CLI as a child process, from the repository root. */
async function tickflow(args: string[]) {
  const child = Bun.spawn([process.execPath, 'cli/tickflow.ts', 'ta', ...args], { cwd: ROOT, stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { stdout, stderr, code };
}

/** A printed cell back to the value it stands for: empty is a value still warming up. */
const cellValue = (cell: string): number | null => (cell === '' ? null : Number(cell));

/** The reference, in-process: the candles a CandleSeries builds from the bars, fed to an IndicatorSet as a symbol actor does. */
function expectedRows(bars: readonly Bar[], tf: Timeframe): { openTime: number; values: IndicatorRow }[] {
  const series = new CandleSeries([tf]);
  const set = new IndicatorSet();
  const rows = bars.flatMap((b) => series.addBar(b).map((c) => ({ openTime: c.openTime, values: set.update(c) })));
  const forming = series.forming(tf)!;
  return [...rows, { openTime: forming.openTime, values: set.preview(forming) }];
}

describe('tickflow ta on the BTCUSDT 1m month, as 1h candles', () => {
  let bars: readonly Bar[] = [];
  let lines: string[] = [];
  beforeAll(async () => {
    bars = bundledBars('crypto/binance_spot_1m/BTCUSDT_1m_2021-04-02_2021-04-30.csv');
    const r = await tickflow([BTC, '--tf', '1h']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    lines = r.stdout.trimEnd().split('\n');
  });
  const cells = (k: number) => lines[k + 1]!.split(',');

  test('the header is open_time, then the indicator columns in order', () => {
    expect(lines[0]).toBe(HEADER);
  });

  test('one row per 1h bucket holding bars, the last (forming) one included', () => {
    const buckets = new Set(bars.map((b) => bucketStart(b.openTime, '1h')));
    expect(lines.length - 1).toBe(buckets.size);
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([...buckets]);
  });

  test('values equal IndicatorSet fed the 1h candles in-process, to the last bit', () => {
    const expected = expectedRows(bars, '1h');
    for (const k of [0, 13, 33, 34, 200, 450, expected.length - 2, expected.length - 1]) {
      const [openTime, ...values] = cells(k).map(cellValue);
      expect(openTime).toBe(expected[k]!.openTime);
      expect(values).toEqual(INDICATOR_COLUMNS.map((c) => expected[k]!.values[c]));
    }
  });

  test('a column is empty until its lookback, then never again', () => {
    const lookbacks = new IndicatorSet().lookbacks;
    INDICATOR_COLUMNS.forEach((column, i) => {
      const empty = lines.slice(1).map((l) => l.split(',')[i + 1] === '');
      const firstValue = empty.indexOf(false);
      expect([column, firstValue]).toEqual([column, lookbacks[column]]);
      expect(empty.slice(firstValue).includes(true)).toBe(false);
    });
    expect(cells(0).slice(1).filter((c) => c !== '')).toHaveLength(1); // only OBV on the first candle
  });
});

describe('tickflow ta on AAPL daily', () => {
  test('jsonl: one object per bar, open_time then the columns, null while warming up', async () => {
    const r = await tickflow([AAPL, '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, number | null>);
    expect(rows).toHaveLength(1_259); // the file's own timeframe, 1d: one row per trading day
    for (const row of rows) expect(Object.keys(row)).toEqual(['open_time', ...INDICATOR_COLUMNS]);
    expect(rows[0]!['open_time']).toBe(Date.UTC(2013, 1, 8));
    expect(rows[0]!['sma_20']).toBeNull();
    expect(Object.values(rows[40]!).every((v) => typeof v === 'number')).toBe(true);

    const csv = await tickflow([AAPL, '--format=csv']);
    const csvRows = csv.stdout.trimEnd().split('\n').slice(1).map((l) => l.split(',').map(cellValue));
    expect(csvRows).toEqual(rows.map((row) => Object.values(row)));
  });

  test('--tf finer than the file is a usage error: exit 2, no output', async () => {
    const r = await tickflow([AAPL, '--tf', '1m']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `tickflow ta: --tf 1m is finer than the 1d bars of ${AAPL}; bars can be combined into longer candles, not split. Run tickflow ta --help.\n`,
    );
  });
});

describe('tickflow ta refusals and help', () => {
  test('a file with invalid lines prints them as file:line: reason, no rows, exit 1', async () => {
    const lines = (await readBundled('stocks/daily/AAPL_data.csv')).trimEnd().split('\n');
    lines[9] = '2013-02-22,27.76,27.0,27.6,27.76,44853014,AAPL'; // line 10: high below low
    lines[19] = lines[19]!.replace(/,[^,]+,AAPL$/, ',-5,AAPL'); // line 20: negative volume
    const bad = join(dir, 'AAPL_data.csv');
    await Bun.write(bad, `${lines.join('\n')}\n`);
    const r = await tickflow([bad, '--tf', '1d']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${bad}:10: high 27 is below low 27.6`,
      `${bad}:20: volume -5 is negative`,
      `${bad}: no indicators computed (2 invalid lines)`,
    ]);
  });

  test.each([
    [[], 'ta needs a CSV file'],
    [[AAPL, BTC], 'ta takes one file, got 2'],
    [[AAPL, '--format', 'xml'], '--format must be csv or jsonl, got "xml"'],
    [[AAPL, '--tf', '2h'], '--tf must be one of 1m, 5m, 15m, 1h, 4h, 1d, got "2h"'],
  ])('%j is a usage error: exit 2', async (args, message) => {
    const r = await tickflow(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tickflow ta: ${message}. Run tickflow ta --help.\n`);
  });

  test('--help documents the options, the columns, the forming bucket and an example', async () => {
    const r = await tickflow([BTC, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toStartWith('Usage: tickflow ta <csv> [--tf <tf>] [--format csv|jsonl]');
    for (const words of ['--tf <tf>', '--format <fmt>', 'preview', 'mfi_14', `tickflow ta ${BTC} --tf 1h`]) expect(r.stdout).toContain(words);
  });
});
