import { z } from 'zod';
import type { ParsedCsv } from '../feeds/csv/index.ts';
import { CandleBuilder, type Bar } from '../market/candles/index.ts';
import { INDICATOR_COLUMNS, IndicatorSet, type IndicatorRow } from '../market/indicators/index.ts';
import { TIMEFRAMES, timeframeMs, type Timeframe } from '../market/timeframes.ts';
import { UsageError, parseArgs } from './args.ts';
import { EXIT, type Command, type Io } from './command.ts';
import { MAX_ERRORS_SHOWN, readValidCsv } from './read-csv.ts';

const FORMATS = ['csv', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

/** Output rows per write: a write per row costs more than computing the row. */
const ROWS_PER_WRITE = 4_096;

const schema = z.object({
  positionals: z
    .array(z.string())
    .min(1, { error: 'ta needs a CSV file' })
    .max(1, { error: (i) => `ta takes one file, got ${(i.input as unknown[]).length}` }),
  tf: z.enum(TIMEFRAMES, { error: (i) => `--tf must be one of ${TIMEFRAMES.join(', ')}, got ${JSON.stringify(i.input)}` }).optional(),
  format: z.enum(FORMATS, { error: (i) => `--format must be csv or jsonl, got ${JSON.stringify(i.input)}` }).default('csv'),
});

const help = `Usage: tickflow ta <csv> [--tf <tf>] [--format csv|jsonl]

Computes the technical indicators of a CSV of OHLCV bars, plain or .csv.gz, in any layout
tickflow import reads (Binance klines, stocks daily, Stooq daily, FRED). The bars are first
combined into candles of --tf, in the UTC-aligned buckets the engine uses; the candles then
feed the very indicator set the symbol actors run live (IndicatorSet), in time order.

Output, on stdout: one row per candle, oldest first (csv: after a header line), with
open_time (the candle's bucket start, epoch ms UTC), then in this order:
  ${wrap(INDICATOR_COLUMNS.join(', '), 88).join('\n  ')}
MACD is 12/26/9, Bollinger 20 bars at 2 standard deviations, Stochastic 14/3/3, with TA-Lib's
seeds and lookbacks. A value still warming up is an empty cell (csv) or null (jsonl). Numbers
are printed in full: each reads back as the exact double that was computed.

One row per bucket that holds bars: a bucket without any (an exchange halt, a weekend) has no
row, nothing is filled in. The last bucket has no later bar to close it, so its row is that of
a forming candle, computed with preview as the symbol actors do for the candle still open
(the values update would give); it may hold fewer bars than the others.

Every line is validated first; a file with any invalid line prints its errors as
file:line: reason (at most ${MAX_ERRORS_SHOWN}, then a count) and no rows. Skipped lines (a missing FRED
value) are counted on stderr.

Options:
  --tf <tf>         candle timeframe: ${TIMEFRAMES.join(', ')} (default: the file's own). Bars
                    are combined into longer candles, never split: a --tf finer than the
                    file's bars is refused
  --format <fmt>    csv (default), or jsonl: one JSON object per line,
                    {"open_time": 1617321600000, "sma_20": null, ...}
  -h, --help        show this help

Example:
  tickflow ta data/crypto/binance_spot_1m/BTCUSDT_1m_2021-04-02_2021-04-30.csv.gz --tf 1h > btc_1h.csv

Exit status: 0 done, 1 the file was refused (unreadable, invalid lines, timeframe unknown),
2 a bad command line (including a --tf finer than the file's).`;

export const taCommand: Command = {
  name: 'ta',
  summary: 'compute the indicators (SMA, EMA, RSI, MACD, ... MFI) of a CSV of bars, on any timeframe',
  help,
  async run(argv, io) {
    const parsed = parseArgs(argv, { command: 'ta', options: ['tf', 'format'], schema });
    if (parsed.help) {
      io.out(help);
      return EXIT.ok;
    }
    const { positionals, tf, format } = parsed.args;
    const file = positionals[0]!;
    const csv = await readBars(file, io);
    if (csv === null) return EXIT.failed;
    const target = candleTimeframe(file, csv, tf, io);
    if (target === null) return EXIT.failed;
    writeRows(indicatorRows(csv.rows, target), format, io);
    return EXIT.ok;
  },
};

/** The file's valid bars, or null (after saying why) when it cannot be read or has any invalid line. */
async function readBars(file: string, io: Io): Promise<ParsedCsv | null> {
  const parsed = await readValidCsv(file, io, 'no indicators computed');
  if (!parsed) return null;
  // stdout carries only rows, so what was left out is told on stderr.
  if (parsed.skipped.length > 0) io.err(`${file}: skipped ${describeSkips(parsed)}`);
  return parsed;
}

/**
 * The timeframe to build candles on: --tf, else the file's own. A --tf finer than the bars is
 * a mistake on the command line (a 1d bar cannot be split into minutes), hence a usage error.
 * Returns null (after saying why) when the file does not tell its timeframe and --tf is absent.
 */
function candleTimeframe(file: string, parsed: ParsedCsv, tf: Timeframe | undefined, io: Io): Timeframe | null {
  // A file whose timeframe is not known (e.g. 30-minute bars) is still as coarse as its closest rows.
  const step = parsed.tf === undefined ? smallestStep(parsed.rows) : timeframeMs(parsed.tf);
  if (tf !== undefined && step !== undefined && timeframeMs(tf) < step) {
    const bars = parsed.tf ?? `${step / 60_000}-minute`;
    throw new UsageError(`--tf ${tf} is finer than the ${bars} bars of ${file}; bars can be combined into longer candles, not split`);
  }
  const chosen = tf ?? parsed.tf;
  if (chosen === undefined) io.err(`${file}: cannot tell the timeframe of its bars (no 1m/1h/... in the name, rows not one timeframe apart); pass --tf`);
  return chosen ?? null;
}

function smallestStep(rows: readonly Bar[]): number | undefined {
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows.length; i++) step = Math.min(step, rows[i]!.openTime - rows[i - 1]!.openTime);
  return Number.isFinite(step) ? step : undefined;
}

/**
 * The indicator row of every candle of `tf` built from the bars, as a symbol actor computes
 * them: `update` with each candle a later bar closes, then `preview` with the one still forming.
 */
function* indicatorRows(bars: readonly Bar[], tf: Timeframe): Generator<{ openTime: number; values: IndicatorRow }> {
  const builder = new CandleBuilder(tf);
  const set = new IndicatorSet();
  for (const bar of bars) {
    const closed = builder.addBar(bar);
    if (closed) yield { openTime: closed.openTime, values: set.update(closed) };
  }
  const forming = builder.current;
  if (forming) yield { openTime: forming.openTime, values: set.preview(forming) };
}

/** String(n) is the shortest text that reads back as the same double; JSON numbers are the same text. */
const csvLine = (openTime: number, values: IndicatorRow) => [openTime, ...INDICATOR_COLUMNS.map((c) => values[c] ?? '')].map(String).join(',');
const jsonLine = (openTime: number, values: IndicatorRow) => JSON.stringify({ open_time: openTime, ...values });

function writeRows(rows: Iterable<{ openTime: number; values: IndicatorRow }>, format: Format, io: Io): void {
  const line = format === 'csv' ? csvLine : jsonLine;
  const pending: string[] = format === 'csv' ? [['open_time', ...INDICATOR_COLUMNS].join(',')] : [];
  for (const { openTime, values } of rows) {
    pending.push(line(openTime, values));
    if (pending.length >= ROWS_PER_WRITE) io.out(pending.splice(0).join('\n'));
  }
  if (pending.length > 0) io.out(pending.join('\n'));
}

const describeSkips = ({ skipped }: ParsedCsv) => {
  const reasons = new Map<string, number>();
  for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  return [...reasons].map(([reason, n]) => `${n} line${n === 1 ? '' : 's'} (${reason})`).join(', ');
};

/** Splits a comma-separated list into lines of at most `width` characters, for the help. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
