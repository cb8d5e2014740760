import { Database } from 'bun:sqlite';
import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundled } from '../data/read.ts';

const ROOT = join(import.meta.dir, '..');
const dir = mkdtempSync(join(tmpdir(), 'tickflow-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BTC = 'data/crypto/binance_spot_1m/BTCUSDT_1m_2021-04-02_2021-04-30.csv.gz';
const LINK = 'data/crypto/binance_um_futures_1m_full/LINKUSDT-1m-2023-02_first2000.csv.gz';
const AAPL = 'data/stocks/daily/AAPL_data.csv.gz';
const SPY = 'data/stocks/etf/SPY_stooq_daily_2005-02-25_2019-12-31.csv.gz';
const DGS10 = 'data/macro/fred/DGS10.csv.gz';

/** Runs the real CLI as a child process, from the repository root, without TICKFLOW_DB unless given. */
async function tickflow(args: string[], env: Record<string, string> = {}) {
  const { TICKFLOW_DB: _ignored, ...base } = process.env;
  const child = Bun.spawn([process.execPath, 'cli/tickflow.ts', ...args], { cwd: ROOT, env: { ...base, ...env }, stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { stdout, stderr, code };
}

/** Candles per series in a database file, read with plain SQL. */
function series(db: string): Record<string, number> {
  const conn = new Database(db, { readonly: true });
  const rows = conn.query<{ key: string; n: number }, []>("SELECT symbol || ' ' || tf AS key, count(*) AS n FROM candles GROUP BY symbol, tf").all();
  conn.close();
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

/** A real bundled file with some of its lines replaced, written as plain CSV in the temp dir. */
async function damaged(bundled: string, name: string, edit: (lines: string[]) => void): Promise<string> {
  const lines = (await readBundled(bundled)).trimEnd().split('\n');
  edit(lines);
  const path = join(dir, name);
  await Bun.write(path, `${lines.join('\n')}\n`);
  return path;
}

describe('tickflow import', () => {
  const db = join(dir, 'store', 'tickflow.db');
  const files = [BTC, LINK, AAPL, SPY, DGS10];
  const imported = {
    'BTCUSDT 1m': 41_326,
    'LINKUSDT 1m': 2_000,
    'AAPL 1d': 1_259,
    'SPY 1d': 3_737,
    'DGS10 1d': 11_499,
  };

  test('imports every layout from the bundled files, one summary line per file', async () => {
    const r = await tickflow(['import', ...files, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      `imported 41326 bars of BTCUSDT (1m) from ${BTC}`,
      `imported 2000 bars of LINKUSDT (1m) from ${LINK}`,
      `imported 1259 bars of AAPL (1d) from ${AAPL}`,
      `imported 3737 bars of SPY (1d) from ${SPY}`,
      `${DGS10}: skipped 502 lines (missing value)`,
      `imported 11499 bars of DGS10 (1d) from ${DGS10}`,
    ]);
    expect(series(db)).toEqual(imported);
  });

  test('importing the same files again changes nothing', async () => {
    const r = await tickflow(['import', `--db=${db}`, ...files]);
    expect(r.code).toBe(0);
    expect(series(db)).toEqual(imported);
  });

  test('a file with invalid lines imports nothing and lists them as file:line: reason; the good files still import', async () => {
    const bad = await damaged('stocks/daily/MSFT_data.csv', 'MSFT_data.csv', (lines) => {
      lines[9] = '2013-02-22,27.76,27.0,27.6,27.76,44853014,MSFT'; // line 10: high below low
      lines[19] = '2013-03-08,28.1,28.2,abc,28.0,30000000,MSFT'; // line 20: text in a number
      lines[lines.length - 1] = lines.at(-1)!.slice(0, 20); // the last line, truncated
    });
    const store = join(dir, 'bad.db');
    const r = await tickflow(['import', bad, AAPL, '--db', store]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${bad}:10: high 27 is below low 27.6`,
      `${bad}:20: low is not a number: "abc"`,
      `${bad}:1260: expected 7 columns, got 3`,
      `${bad}: nothing imported (3 invalid lines)`,
    ]);
    expect(r.stdout).toBe(`imported 1259 bars of AAPL (1d) from ${AAPL}\n`);
    expect(series(store)).toEqual({ 'AAPL 1d': 1_259 });
  });

  test('at most 20 errors are printed, then how many more there were', async () => {
    const bad = await damaged('crypto/binance_spot_1m/SOLUSDT_1m_2021-04-02_2021-04-30.csv', 'SOLUSDT_1m_shuffled.csv', (lines) => {
      for (let i = 100; i < 125; i++) lines[i] = lines[i]!.replace(/^\d+/, '1617321600000'); // 25 rows back at the first minute
    });
    const r = await tickflow(['import', bad, '--db', join(dir, 'many.db')]);
    const lines = r.stderr.trimEnd().split('\n');
    expect(r.code).toBe(1);
    expect(lines).toHaveLength(22);
    expect(lines[0]).toBe(`${bad}:101: time 2021-04-02T00:00:00Z is not after 2021-04-02T01:38:00Z on line 100: rows must be in strictly increasing time`);
    expect(lines.slice(20)).toEqual([`${bad}: … and 5 more errors`, `${bad}: nothing imported (25 invalid lines)`]);
    expect(existsSync(join(dir, 'many.db'))).toBe(false); // nothing valid: no store created
  });

  test('an unknown layout and a missing file are refused with exit 1', async () => {
    const ticks = join(dir, 'XRPETH-aggTrades.csv');
    await Bun.write(ticks, await readBundled('crypto/binance_spot_aggtrades/XRPETH-aggTrades-2019-10-11_2019-10-12.csv'));
    const r = await tickflow(['import', ticks, join(dir, 'nope.csv'), '--db', join(dir, 'x.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toStartWith(`${ticks}:1: unknown CSV layout: saw the first line "agg_trade_id,price,`);
    expect(r.stderr).toContain(`${join(dir, 'nope.csv')}: no such file\n`);
  });

  test('without --db the store is $TICKFLOW_DB; plain CSV works like .gz', async () => {
    const plain = join(dir, 'UNRATE.csv');
    await Bun.write(plain, await readBundled('macro/fred/UNRATE.csv'));
    const store = join(dir, 'env', 'env.db');
    const r = await tickflow(['import', plain], { TICKFLOW_DB: store });
    expect(r.code).toBe(0);
    expect(r.stdout).toEndWith(`imported 550 bars of UNRATE (1d) from ${plain}\n`);
    expect(series(store)).toEqual({ 'UNRATE 1d': 550 });
  });
});

describe('tickflow import when the file does not say what it holds', () => {
  test('no symbol in the name or the content: refused until --symbol names it; --tf must agree with the file', async () => {
    const text = await readBundled('crypto/binance_um_futures_1m_full/LINKUSDT-1m-2023-02_first2000.csv');
    const anonymous = join(dir, 'export.csv');
    await Bun.write(anonymous, text.slice(text.indexOf('\n') + 1)); // headerless, as Binance ships it
    const store = join(dir, 'anonymous.db');
    const refused = await tickflow(['import', anonymous, '--db', store]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`${anonymous}: cannot tell the symbol from ${anonymous} or its content; pass --symbol; nothing imported\n`);
    const wrongTf = await tickflow(['import', anonymous, '--db', store, '--symbol', 'linkusdt', '--tf', '1h']);
    expect(wrongTf.stderr).toBe(`${anonymous}: holds 1m bars, not --tf 1h; nothing imported\n`);
    const named = await tickflow(['import', anonymous, '--db', store, '--symbol', 'linkusdt']);
    expect(named.stdout).toBe(`imported 2000 bars of LINKUSDT (1m) from ${anonymous}\n`);
    expect(series(store)).toEqual({ 'LINKUSDT 1m': 2_000 });
  });
});

describe('tickflow command line', () => {
  test('--help on the root lists the commands', async () => {
    const r = await tickflow(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toStartWith('Usage: tickflow <command> [options]');
    expect(r.stdout).toContain('  import    import OHLCV CSV files');
  });

  test('--help on import explains it and creates nothing', async () => {
    for (const args of [['import', '--help'], ['import', BTC, '-h'], ['help', 'import']]) {
      const r = await tickflow(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toStartWith('Usage: tickflow import <files...> [--db <path>]');
    }
  });

  test.each([
    [['frobnicate'], 'tickflow: unknown command "frobnicate"; commands: import, ta, train, account, backtest. Run tickflow --help.'],
    [['import'], 'tickflow import: import needs at least one file. Run tickflow import --help.'],
    [['import', BTC, '--dbb', 'x'], 'tickflow import: unknown option --dbb; import takes --db, --symbol, --tf, --help. Run tickflow import --help.'],
    [['import', BTC, '--db'], 'tickflow import: --db needs a value. Run tickflow import --help.'],
    [['import', BTC, '--tf', '2m'], 'tickflow import: --tf must be one of 1m, 5m, 15m, 1h, 4h, 1d, got "2m". Run tickflow import --help.'],
  ])('%j is a usage error: exit 2', async (args, message) => {
    const r = await tickflow(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${message}\n`);
  });
});
