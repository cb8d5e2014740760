import type { Database } from 'bun:sqlite';
import { basename } from 'node:path';
import { z } from 'zod';
import type { ParsedCsv } from '../feeds/csv/index.ts';
import { TIMEFRAMES } from '../market/timeframes.ts';
import { CandleStore } from '../storage/sqlite/candle-store.ts';
import { open } from '../storage/sqlite/open.ts';
import { parseArgs } from './args.ts';
import { EXIT, type Command, type Io } from './command.ts';
import { ProgressBar } from './progress.ts';
import { readValidCsv } from './read-csv.ts';

/** Fewer rows than this write in a blink; a bar would only flicker. */
const PROGRESS_MIN_ROWS = 50_000;
/** Rows per write call inside the file's transaction, so the bar moves while it commits. */
const WRITE_CHUNK = 8_192;
/** The same default as TICKFLOW_DB in config/env.ts; not read from there, so a bad PORT cannot stop an import. */
export const DEFAULT_DB = './var/tickflow.db';

const schema = z.object({
  positionals: z.array(z.string()).min(1, { error: 'import needs at least one file' }),
  db: z.string().min(1, { error: '--db needs a path' }).optional(),
  symbol: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.]{0,19}$/, { error: (i) => `--symbol must be a ticker (letters, digits, dots), got ${JSON.stringify(i.input)}` })
    .transform((s) => s.toUpperCase())
    .optional(),
  tf: z.enum(TIMEFRAMES, { error: (i) => `--tf must be one of ${TIMEFRAMES.join(', ')}, got ${JSON.stringify(i.input)}` }).optional(),
});
type ImportArgs = z.output<typeof schema>;

const help = `Usage: tickflow import <files...> [--db <path>] [--symbol <SYM>] [--tf <tf>]

Imports OHLCV CSV files, plain or .csv.gz, into the candle store. Each file's layout is
detected from its first line: Binance klines (6 or 12 columns, header optional), stocks daily
(date,open,high,low,close,volume[,Name]), Stooq daily, FRED series (missing values skipped).
Every line is validated; a file with any invalid line is not imported at all and its errors
are printed as file:line: reason. Intraday files keep their timeframe (1m for Binance 1m
klines); daily files are stored as 1d, dated at UTC midnight. Bars are keyed by
(symbol, timeframe, open time), so importing a file again changes nothing.

Options:
  --db <path>       SQLite file (default: $TICKFLOW_DB, else ${DEFAULT_DB})
  --symbol <SYM>    store under this symbol instead of the one read from the file or its name
  --tf <tf>         timeframe of files that do not tell it (${TIMEFRAMES.join(', ')})
  -h, --help        show this help

Exit status: 0 every file imported, 1 a file was refused, 2 a bad command line.`;

export const importCommand: Command = {
  name: 'import',
  summary: 'import OHLCV CSV files (Binance, stocks, Stooq, FRED; plain or .gz) into the store',
  help,
  async run(argv, io) {
    const parsed = parseArgs(argv, { command: 'import', options: ['db', 'symbol', 'tf'], schema });
    if (parsed.help) {
      io.out(help);
      return EXIT.ok;
    }
    const args = parsed.args;
    let db: Database | undefined; // opened at the first valid file, so a run that refuses everything creates nothing
    let failed = false;
    try {
      for (const file of args.positionals) {
        const ok = await importFile(file, args, io, () => (db ??= open(args.db ?? (io.env['TICKFLOW_DB'] || DEFAULT_DB))));
        failed ||= !ok;
      }
    } finally {
      db?.close();
    }
    return failed ? EXIT.failed : EXIT.ok;
  },
};

/** Imports one file, all of it or nothing; returns whether it was imported. */
async function importFile(file: string, args: ImportArgs, io: Io, database: () => Database): Promise<boolean> {
  const parsed = await readValidCsv(file, io, 'nothing imported');
  if (!parsed) return false;
  const target = seriesOf(file, parsed, args);
  if (typeof target === 'string') {
    io.err(`${file}: ${target}; nothing imported`);
    return false;
  }

  const { symbol, tf } = target;
  const bar = new ProgressBar(parsed.rows.length >= PROGRESS_MIN_ROWS ? io.progress : undefined, basename(file));
  const db = database();
  const store = new CandleStore(db);
  db.transaction(() => {
    for (let i = 0; i < parsed.rows.length; i += WRITE_CHUNK) {
      store.writeCandles(symbol, tf, parsed.rows.slice(i, i + WRITE_CHUNK));
      bar.update('writing', i + WRITE_CHUNK, parsed.rows.length);
    }
  })();
  bar.clear();
  if (parsed.skipped.length > 0) io.out(`${file}: skipped ${describeSkips(parsed)}`);
  io.out(`imported ${parsed.rows.length} bars of ${symbol} (${tf}) from ${file}`);
  return true;
}

/** The series a file goes to, or why it cannot be told. */
function seriesOf(file: string, parsed: ParsedCsv, args: ImportArgs) {
  const symbol = args.symbol ?? parsed.symbol;
  if (symbol === undefined) return `cannot tell the symbol from ${file} or its content; pass --symbol`;
  if (args.tf && parsed.tf && args.tf !== parsed.tf) return `holds ${parsed.tf} bars, not --tf ${args.tf}`;
  const tf = args.tf ?? parsed.tf;
  if (tf === undefined) return 'cannot tell the timeframe (no 1m/1h/... in the name, rows too far apart); pass --tf';
  return { symbol, tf };
}

const describeSkips = ({ skipped }: ParsedCsv) => {
  const reasons = new Map<string, number>();
  for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  return [...reasons].map(([reason, n]) => `${n} line${n === 1 ? '' : 's'} (${reason})`).join(', ');
};
