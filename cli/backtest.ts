import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { parseBacktestConfig, sweepSchema, type BacktestConfig } from '../sim/config.ts';
import { writeReport } from '../sim/report/write.ts';
import { BacktestError, runBacktest, type RunResult } from '../sim/run/harness.ts';
import { formatTable } from '../sim/sweep/rank.ts';
import { writeSweep } from '../sim/sweep/write.ts';
import { parseArgs, UsageError } from './args.ts';
import { EXIT, type Command, type Io } from './command.ts';
import { DEFAULT_DB } from './import.ts';
import { ProgressBar } from './progress.ts';

const RANKS = sweepSchema.shape.rankBy.unwrap().options;

const schema = z.object({
  positionals: z
    .array(z.string())
    .min(1, { error: 'backtest needs a config file' })
    .max(1, { error: (i) => `backtest takes one config file, got ${(i.input as unknown[]).length}` }),
  out: z.string().min(1, { error: '--out needs a folder' }).optional(),
  param: z.string().optional(),
  workers: z
    .string()
    .refine((s) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 64, { error: (i) => `--workers must be a whole number from 1 to 64, got ${JSON.stringify(i.input)}` })
    .transform(Number)
    .optional(),
  'rank-by': z.enum(RANKS, { error: (i) => `--rank-by must be one of ${RANKS.join(', ')}, got ${JSON.stringify(i.input)}` }).optional(),
  sweep: z.literal(true).optional(),
  json: z.literal(true).optional(),
});

const help = `Usage: tickflow backtest <config.json> [--out <dir>] [--param name=value[,name=value]] [--sweep] [--workers <n>] [--json]

Replays history through the engine's own actors on a simulated clock: a feed plays the bars
as prints, symbol actors build candles and indicators, strategy actors decide, and a paper
account fills their orders (market/matching) and logs every event. An order decided on a
bar's close fills at the next bar's open: the print that revealed the close. The result
depends on the data and the config only: the same run gives the same report.json, byte for
byte, with any number of workers.

The config (JSON, see examples/) names the data ({symbol, csv} in any layout tickflow import
reads, {symbol, db} a SQLite store it filled, {symbol, store: true} the engine's store at
$TICKFLOW_DB, or {symbol, bundled: true}; each may add tf, default 1m), the account (cash,
commissionPct, slippageBps), the strategies (the same configs as POST /api/strategies;
accountId may be left out), optionally from/to, playTf (play coarser bars than the data's)
and a sweep grid. \${name} in any string is replaced by params.name, which --param overrides;
relative paths are relative to the config file, a --param naming an existing file to where
you are.

Writes <out>/report.json (every fill, round trip, final cash, positions and value, the
metrics and a buy-and-hold benchmark, the equity curve) and <out>/report.html (the same, with
equity and drawdown charts, standing alone). With --sweep, every combination of the config's
sweep.params runs side by side in one simulation, spread across the workers; <out>/report.json
and report.html hold the table ranked by sweep.rankBy (or --rank-by), <out>/best/ the best
run's full report.

Options:
  --out <dir>          where the reports go (default backtests/<config name>)
  --param <n=v,...>    values for \${n} placeholders, e.g. --param csv=my_btc_1m.csv
  --sweep              run the config's parameter grid instead of its one set of params
  --rank-by <metric>   sweep ranking: ${RANKS.join(', ')}
  --workers <n>        worker threads (default: the config's workers, else 1; one per core with --sweep)
  --json               print the report's metrics (or the sweep table) as JSON
  -h, --help           show this help

Examples:
  tickflow backtest examples/sma-cross-btc-1h.json --out out/sma
  tickflow backtest examples/sma-cross-btc-1h.json --param csv=ETHUSDT_1m.csv.gz
  tickflow backtest examples/sweep-sma-btc-1h.json --sweep --rank-by sortino

Exit status: 0 done, 1 the config or its data was refused (each problem printed), 2 a bad command line.`;

export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'replay history through strategies and a paper account; report.json and report.html',
  help,
  async run(argv, io) {
    const parsed = parseArgs(argv, { command: 'backtest', options: ['out', 'param', 'workers', 'rank-by'], flags: ['sweep', 'json'], schema });
    if (parsed.help) {
      io.out(help);
      return EXIT.ok;
    }
    const args = parsed.args;
    const file = args.positionals[0]!;
    const config = readConfig(file, paramsOf(args.param), io);
    if (!config) return EXIT.failed;
    if (args.sweep && !config.sweep) throw new UsageError(`--sweep: ${file} has no sweep grid (add "sweep": {"params": {"fast": [5, 10]}})`);
    const run: BacktestConfig = args.sweep ? { ...config, sweep: { ...config.sweep!, ...(args['rank-by'] ? { rankBy: args['rank-by'] } : {}) } } : { ...config, sweep: undefined };
    const out = resolve(args.out ?? join('backtests', basename(file).replace(/\.json$/i, '')));

    const bar = new ProgressBar(io.progress, basename(file));
    let result: RunResult;
    try {
      const store = io.env['TICKFLOW_DB'] || DEFAULT_DB;
      result = await runBacktest(run, { baseDir: dirname(resolve(file)), store, ...(args.workers ? { workers: args.workers } : {}), onProgress: (p) => bar.update(p.phase, p.done, p.total) });
    } catch (e) {
      bar.clear();
      if (!(e instanceof BacktestError)) throw e;
      for (const p of e.problems) io.err(`${file}: ${p}`);
      return EXIT.failed;
    }
    bar.clear();
    summarise(result, out, args.json === true, io);
    return EXIT.ok;
  },
};

/** `a=1,b=x` → {a: '1', b: 'x'}; a value naming an existing file is made absolute (it was typed here, not in the config's folder). */
function paramsOf(text: string | undefined): Record<string, string> {
  if (text === undefined) return {};
  const params: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param takes name=value pairs, got ${JSON.stringify(pair)}`);
    const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1)];
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--param: ${JSON.stringify(name)} is not a name (letters, digits, _)`);
    params[name] = existsSync(value) ? resolve(value) : value;
  }
  return params;
}

function readConfig(file: string, params: Record<string, string>, io: Io): BacktestConfig | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    io.err(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(e as Error).message})`}`);
    return null;
  }
  const parsed = parseBacktestConfig(json, params);
  if (!parsed.ok) {
    io.err(`${file}: ${parsed.error}`);
    return null;
  }
  return parsed.config;
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null) => (v === null ? '—' : v.toFixed(3));

function summarise(result: RunResult, out: string, json: boolean, io: Io): void {
  const { stats } = result;
  const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
  const speed = `${plural(stats.bars, `${result.reports[0]!.report.period.barTf} bar`)} of ${plural(stats.symbols, 'symbol')} in ${(stats.wallMs / 1000).toFixed(1)} s on ${plural(stats.workers, 'worker')}`;
  if (result.sweep) {
    const written = writeSweep(out, result);
    if (json) io.out(JSON.stringify(result.sweep.rows));
    else io.out(formatTable(result.sweep.rows, result.sweep.rankBy as never));
    io.err(`${result.reports.length} runs, ${speed}; wrote ${written.json}, ${written.html} and the best run's report in ${written.best}`);
    return;
  }
  const { report } = result.reports[0]!;
  const written = writeReport(out, report);
  if (json) io.out(JSON.stringify({ final: report.final, metrics: report.metrics, benchmark: report.benchmark }));
  else {
    const m = report.metrics;
    const b = report.benchmark.metrics;
    io.out(`${report.name}: ${report.period.from} → ${report.period.to}`);
    io.out(`final value ${m.finalValue.toFixed(2)} (buy and hold ${b.finalValue.toFixed(2)}); ${report.fills.length} fills, ${m.trades} round trips`);
    io.out(`return ${pct(m.totalReturn)} (${pct(b.totalReturn)}), CAGR ${pct(m.cagr)}, volatility ${pct(m.volatility)}, Sharpe ${num(m.sharpe)} (${num(b.sharpe)}), Sortino ${num(m.sortino)}`);
    io.out(`max drawdown ${pct(m.maxDrawdown?.value ?? null)} (${pct(b.maxDrawdown?.value ?? null)}), win rate ${pct(m.winRate)}, profit factor ${num(m.profitFactor)}, exposure ${pct(m.exposure)}, fees ${m.fees.toFixed(2)}`);
  }
  const crashed = stats.crashes.map((c) => `; worker ${c.worker} killed and recovered (${c.why})`).join('');
  io.err(`${speed}${crashed}; wrote ${written.json} and ${written.html}`);
}
