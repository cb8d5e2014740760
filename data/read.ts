/**
 * Reads the real data shipped in data/ (gzip-compressed CSVs, provenance in data/SOURCES.md).
 * For tests, benchmarks and the demo; the engine itself imports through the import CLI.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../feeds/csv/index.ts';
import type { Bar } from '../market/candles/candle.ts';

const ROOT = new URL('./', import.meta.url);

/** The text of a bundled file, e.g. `crypto/binance_spot_1m/BTCUSDT_1m_2021-04-02_2021-04-30.csv`. */
export async function readBundled(path: string): Promise<string> {
  const file = Bun.file(new URL(`${path}.gz`, ROOT));
  if (!(await file.exists())) throw new Error(`no bundled data file data/${path}.gz (see data/SOURCES.md)`);
  return new TextDecoder().decode(Bun.gunzipSync(new Uint8Array(await file.arrayBuffer())));
}

/** Rows of a headed CSV as records of strings (bundled files are plain: no quoted commas). */
export function csvRows(text: string): Record<string, string>[] {
  const lines = text.trimEnd().split('\n');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** The same, synchronously: for an actor loading its data in init (once, off any hot path). */
export function readBundledSync(path: string): string {
  const file = fileURLToPath(new URL(`${path}.gz`, ROOT));
  return new TextDecoder().decode(Bun.gunzipSync(readFileSync(file)));
}

const loaded = new Map<string, readonly Bar[]>();

/**
 * The bars of a bundled file, in any layout the importer knows (Binance klines, the stocks'
 * daily files, Stooq's, FRED's series: see feeds/csv). Loaded once per thread and shared: bars
 * are never mutated. A bundled file with a bad row is a broken clone, so it throws.
 */
export function bundledBars(path: string): readonly Bar[] {
  let bars = loaded.get(path);
  if (!bars) loaded.set(path, (bars = parseBundledBars(path)));
  return bars;
}

function parseBundledBars(path: string): Bar[] {
  const parsed = parseCsv(readBundledSync(path), { file: `data/${path}` });
  const error = parsed.errors[0];
  if (error) throw new Error(`bundled ${error.file}:${error.line}: ${error.reason}`);
  return parsed.rows;
}

/** The bundled 1m file of a crypto pair. */
export const crypto1m = (symbol: string): string => `crypto/binance_spot_1m/${symbol}_1m_2021-04-02_2021-04-30.csv`;

/** The bundled daily file of a stock, of SPY, or of a FRED series; undefined when none is shipped. */
export function bundledDaily(symbol: string): string | undefined {
  const name = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const hit = manifest().find((f) => /^(stocks|macro)\//.test(f.path) && [`${symbol}_`, `${symbol}.`].some((p) => name(f.path).startsWith(p)));
  return hit?.path.replace(/\.gz$/, '');
}

let files: { path: string }[] | undefined;
const manifest = () => (files ??= (JSON.parse(readFileSync(fileURLToPath(new URL('manifest.json', ROOT)), 'utf8')) as { files: { path: string }[] }).files);
