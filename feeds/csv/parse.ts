import type { Bar } from '../../market/candles/candle.ts';
import { TIMEFRAMES, bucketStart, timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import { firstIssue } from './bar.ts';
import { detectLayout } from './detect.ts';
import { LAYOUTS, type CsvLayout } from './layouts.ts';
import { symbolFromFileName, timeframeFromFileName } from './names.ts';

/** A line that cannot be imported; `line` is 1-based, counting the header. */
export interface CsvError {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** A line left out on purpose (a missing FRED observation, a blank line): counted, not an error. */
export interface CsvSkip {
  readonly line: number;
  readonly reason: string;
}

export interface ParsedCsv {
  /** Undefined only when the first line matches no layout (then `errors` says what it was). */
  readonly layout: CsvLayout | undefined;
  /** From a ticker column (stocks' Name, Stooq's <TICKER>), a FRED header, or the file name. */
  readonly symbol?: string;
  /** '1d' for daily layouts; for klines from the file name, else from the smallest step between rows. */
  readonly tf?: Timeframe;
  /** The valid bars, in strictly increasing time. */
  readonly rows: Bar[];
  readonly skipped: CsvSkip[];
  readonly errors: CsvError[];
}

export interface ParseOptions {
  /** The file's name, for symbol and timeframe inference and for error locations. */
  readonly file: string;
  /** Called every few thousand lines, so a caller can draw progress on a large file. */
  readonly onProgress?: (linesDone: number, linesTotal: number) => void;
}

const PROGRESS_EVERY = 10_000;

const showTime = (t: number, daily: boolean) => {
  const iso = new Date(t).toISOString();
  return daily ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
};

/**
 * Parses one OHLCV CSV file: detects its layout, validates every line, and returns the valid
 * bars with every problem located as file:line. Pure: text in, rows and errors out.
 */
export function parseCsv(text: string, { file, onProgress }: ParseOptions): ParsedCsv {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop(); // the newline that ends the last line
  const detection = detectLayout(lines[0] ?? '');
  if (!detection.ok) return { layout: undefined, rows: [], skipped: [], errors: [{ file, line: 1, reason: text === '' ? 'empty file' : detection.error }] };

  const spec = LAYOUTS[detection.layout];
  const rows: Bar[] = [];
  const rowLines: number[] = [];
  const skipped: CsvSkip[] = [];
  const errors: CsvError[] = [];
  let symbol = detection.series;
  let symbolLine = 1;
  let prevTime = Number.NEGATIVE_INFINITY;
  let prevLine = 0;
  let minStep = Number.POSITIVE_INFINITY;

  for (let i = detection.header ? 1 : 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw; // Stooq writes CRLF
    if (onProgress && i % PROGRESS_EVERY === 0) onProgress(i, lines.length);
    if (line.trim() === '') {
      skipped.push({ line: lineNo, reason: 'blank line' });
      continue;
    }
    const cells = line.split(',');
    if (cells.length !== detection.columns) {
      errors.push({ file, line: lineNo, reason: `expected ${detection.columns} columns, got ${cells.length}` });
      continue;
    }
    const skip = spec.skip?.(cells);
    if (skip) {
      skipped.push({ line: lineNo, reason: skip });
      continue;
    }
    const parsed = spec.row.safeParse(cells);
    if (!parsed.success) {
      errors.push({ file, line: lineNo, reason: firstIssue(parsed.error) });
      continue;
    }
    const { bar, symbol: rowSymbol } = parsed.data;
    if (rowSymbol !== undefined && rowSymbol !== symbol) {
      if (symbol === undefined) {
        symbol = rowSymbol;
        symbolLine = lineNo;
      } else {
        errors.push({ file, line: lineNo, reason: `symbol ${rowSymbol} differs from ${symbol} on line ${symbolLine}: a file holds one symbol` });
        continue;
      }
    }
    if (bar.openTime <= prevTime) {
      const [t, prev] = [showTime(bar.openTime, spec.daily), showTime(prevTime, spec.daily)];
      errors.push({ file, line: lineNo, reason: `time ${t} is not after ${prev} on line ${prevLine}: rows must be in strictly increasing time` });
      continue;
    }
    if (rows.length > 0) minStep = Math.min(minStep, bar.openTime - prevTime);
    prevTime = bar.openTime;
    prevLine = lineNo;
    rows.push(bar);
    rowLines.push(lineNo);
  }
  onProgress?.(lines.length, lines.length);

  const tf = spec.daily ? '1d' : (timeframeFromFileName(file) ?? TIMEFRAMES.find((t) => timeframeMs(t) === minStep));
  // Intraday bars must start on their timeframe's boundary, or they would land in the wrong bucket.
  const misaligned = new Set<number>();
  if (!spec.daily && tf !== undefined) {
    rows.forEach((b, k) => {
      if (bucketStart(b.openTime, tf) !== b.openTime) misaligned.add(k);
    });
  }
  for (const k of misaligned) errors.push({ file, line: rowLines[k]!, reason: `time ${showTime(rows[k]!.openTime, false)} is not on a ${tf} boundary` });
  if (misaligned.size > 0) errors.sort((a, b) => a.line - b.line);
  const aligned = misaligned.size > 0 ? rows.filter((_, k) => !misaligned.has(k)) : rows;

  symbol ??= symbolFromFileName(file);
  return { layout: detection.layout, ...(symbol ? { symbol } : {}), ...(tf ? { tf } : {}), rows: aligned, skipped, errors };
}
