import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { readText } from '../../cli/read-text.ts';
import { bundledBars, bundledDaily, crypto1m } from '../../data/read.ts';
import { parseCsv } from '../../feeds/csv/index.ts';
import type { Bar } from '../../market/candles/candle.ts';
import { timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import { readCandlesOnce } from '../../storage/sqlite/index.ts';
import type { DataSource } from '../config.ts';
import { resample } from './resample.ts';

/** One symbol's bars, in time order, all of one timeframe. */
export interface Series {
  readonly symbol: string;
  readonly tf: Timeframe;
  readonly bars: readonly Bar[];
}

export type Loaded = { ok: true; series: Series[]; tf: Timeframe } | { ok: false; errors: string[] };

export interface LoadOptions {
  /** Relative paths in the config are relative to this folder (the config file's). */
  readonly baseDir: string;
  /** Bars opening in [from, to) are kept. */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  /** Play bars of this timeframe: finer bars are combined into it; default the coarsest timeframe of the data. */
  readonly playTf?: Timeframe | undefined;
  /** Sources that read files a caller names (CSV paths, databases) are refused: the API's jobs take the bundled data and the server's store only. */
  readonly allow?: { csv: boolean; db: boolean };
  /** The engine's candle store, for `{symbol, store: true}` (TICKFLOW_DB). */
  readonly store?: string | undefined;
}

/** At most this many bad lines of a CSV are shown: the first ones say enough. */
const MAX_ERRORS = 20;

/**
 * Reads every source of a backtest, checks it, keeps the range, and brings every series to one
 * timeframe (the feed plays one bar length). Every problem is collected and returned, each
 * naming its file and line where it has one, so a config with three bad files says so once.
 */
export async function loadData(sources: readonly DataSource[], options: LoadOptions): Promise<Loaded> {
  const errors: string[] = [];
  const raw: Series[] = [];
  for (const source of sources) {
    const got = await loadSource(source, options);
    if (typeof got === 'string') errors.push(got);
    else if (Array.isArray(got)) errors.push(...got);
    else raw.push(got);
  }
  if (errors.length > 0) return { ok: false, errors };

  const coarsest = raw.reduce<Timeframe>((tf, s) => (timeframeMs(s.tf) > timeframeMs(tf) ? s.tf : tf), raw[0]!.tf);
  const tf = options.playTf ?? coarsest;
  const series: Series[] = [];
  for (const s of raw) {
    if (timeframeMs(s.tf) > timeframeMs(tf)) {
      errors.push(`${s.symbol}: its data is ${s.tf} bars, coarser than the ${tf} bars played (playTf); bars are combined, never split`);
      continue;
    }
    const inRange = s.bars.filter((b) => (options.from === undefined || b.openTime >= options.from) && (options.to === undefined || b.openTime < options.to));
    if (inRange.length === 0) {
      errors.push(`${s.symbol}: no bars in the range${describeRange(options)}`);
      continue;
    }
    series.push({ symbol: s.symbol, tf, bars: s.tf === tf ? inRange : resample(inRange, tf) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, series, tf };
}

const describeRange = ({ from, to }: LoadOptions) =>
  from === undefined && to === undefined ? '' : ` [${from === undefined ? '…' : new Date(from).toISOString()}, ${to === undefined ? '…' : new Date(to).toISOString()})`;

/** A path as the config wrote it, made absolute against the config's folder. */
export const pathIn = (baseDir: string, path: string): string => (isAbsolute(path) ? path : resolve(baseDir, path));

async function loadSource(source: DataSource, options: LoadOptions): Promise<Series | string | string[]> {
  const { symbol } = source;
  if ('bundled' in source) return bundled(symbol);
  if ('db' in source || 'store' in source) {
    if ('db' in source && options.allow && !options.allow.db) return `${symbol}: a database path is not accepted here; use {symbol, store: true} or {symbol, bundled: true}`;
    if ('store' in source && options.store === undefined) return `${symbol}: no engine store is known here (TICKFLOW_DB)`;
    const path = 'db' in source ? pathIn(options.baseDir, source.db) : options.store!;
    if (!existsSync(path)) return `${symbol}: no database at ${path} (tickflow import writes one)`;
    let bars: Bar[];
    try {
      bars = readCandlesOnce(path, (store) => store.candles(symbol, source.tf, { from: 0 }), []);
    } catch (e) {
      return `${symbol}: ${path} cannot be read as a Tickflow candle store (${(e as Error).message})`;
    }
    if (bars.length === 0) return `${symbol}: ${path} holds no ${source.tf} candles of ${symbol} (tickflow import --symbol ${symbol} fills it)`;
    return { symbol, tf: source.tf, bars };
  }
  if (options.allow && !options.allow.csv) return `${symbol}: a CSV path is not accepted here; use {symbol, bundled: true}`;
  const path = pathIn(options.baseDir, source.csv);
  let text: string;
  try {
    text = await readText(path);
  } catch (e) {
    return `${path}: ${(e as Error).message}`;
  }
  const parsed = parseCsv(text, { file: path });
  if (parsed.errors.length > 0) {
    const shown = parsed.errors.slice(0, MAX_ERRORS).map((e) => `${e.file}:${e.line}: ${e.reason}`);
    if (parsed.errors.length > MAX_ERRORS) shown.push(`${path}: … and ${parsed.errors.length - MAX_ERRORS} more errors`);
    return shown;
  }
  if (parsed.tf === undefined) return `${path}: cannot tell the bars' timeframe (no 1m/1h/... in the name, rows too far apart)`;
  if (parsed.rows.length === 0) return `${path}: no bars`;
  return { symbol, tf: parsed.tf, bars: parsed.rows };
}

function bundled(symbol: string): Series | string {
  const crypto = crypto1m(symbol);
  if (existsSync(new URL(`../../data/${crypto}.gz`, import.meta.url))) return { symbol, tf: '1m', bars: bundledBars(crypto) };
  const daily = bundledDaily(symbol);
  if (daily) return { symbol, tf: '1d', bars: bundledBars(daily) };
  return `${symbol}: no bundled data (data/SOURCES.md lists the 8 crypto pairs, the 40 stocks, SPY and the FRED series)`;
}
