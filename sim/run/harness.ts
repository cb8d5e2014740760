import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { strategyAddress, type StrategyView } from '../../actors/strategy/messages.ts';
import { StrategyConfigError } from '../../actors/strategy/start.ts';
import { accountAddress } from '../../actors/account/start.ts';
import { placeAddress } from '../../engine/placement.ts';
import { bucketStart, timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import { CandleStore, open } from '../../storage/sqlite/index.ts';
import type { BacktestConfig, DataSource } from '../config.ts';
import { loadData, type LoadOptions, type Series } from '../data/load.ts';
import { buildReport, type Report } from '../report/build.ts';
import { expandSweep } from '../sweep/grid.ts';
import { rankRuns, type SweepRow } from '../sweep/rank.ts';
import type { ThreadProfile } from '../profile/aggregate.ts';
import { readAccount } from './collect.ts';
import { compose, type Composition, type RunSpec } from './compose.ts';
import type { Crash } from './crash.ts';
import { drive } from './drive.ts';

/** A backtest that cannot run as configured: each problem in words (a file and line where there is one). */
export class BacktestError extends Error {
  override readonly name = 'BacktestError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

export interface Progress {
  readonly phase: 'loading' | 'running' | 'reporting';
  /** Simulated ms played, of `total`. */
  readonly done: number;
  readonly total: number;
}

export interface RunOptions {
  /** Relative paths of the config (data, strategy modules) are relative to this folder. */
  readonly baseDir: string;
  /** Worker threads; default the config's `workers`, else 1 (a sweep: one per core). */
  readonly workers?: number;
  readonly onProgress?: (p: Progress) => void;
  /** Which data sources may name files (the API's jobs allow the bundled data and the engine's store only). */
  readonly allow?: LoadOptions['allow'];
  /** The engine's candle store, for `{symbol, store: true}` sources (TICKFLOW_DB). */
  readonly store?: string;
  /** Sample where each thread's time goes (sim/profile): RunStats.profile. */
  readonly profile?: boolean;
  /** Where the run's scratch files go (bars, account logs); default a temporary folder, removed after. */
  readonly workDir?: string;
}

export interface RunResult {
  /** One report per run: one for a backtest, one per combination for a sweep, in run order. */
  readonly reports: readonly { readonly run: number; readonly params: RunSpec['params']; readonly report: Report }[];
  /** The sweep's table, best first; null for a plain backtest. */
  readonly sweep: { readonly rankBy: string; readonly rows: readonly SweepRow[] } | null;
  readonly stats: RunStats;
}

/** How the run went: for the CLI's summary and the benches, never in a report (workers and wall time differ between identical runs). */
export interface RunStats {
  readonly workers: number;
  readonly symbols: number;
  readonly bars: number;
  readonly prints: number;
  readonly pauses: number;
  readonly rounds: number;
  readonly signals: number;
  /** Orders shown the print they were decided on (sim/reveal). */
  readonly revealed: number;
  readonly crashes: readonly Crash[];
  readonly deadLetters: number;
  /** Messages the actors processed. */
  readonly messages: number;
  readonly wallMs: number;
  /** Wall time of the simulation itself: from the first print to the last, without reading data, starting workers or reporting. */
  readonly simWallMs: number;
  /** With `profile`: where each worker's time went, and the main thread's (the driver, the order route). */
  readonly profile?: { readonly workers: readonly ThreadProfile[]; readonly main: ThreadProfile };
  readonly simMs: number;
}

/**
 * Runs a backtest (or a sweep) on the actors: data read and checked, the market composed on a
 * SimClock (sim/run/compose.ts), driven to the end of the data in slices (the progress), with a
 * worker killed part-way when the config's chaos switch says so, then each account's log read
 * and its report built. The result depends on the data and the config only.
 */
export async function runBacktest(config: BacktestConfig, options: RunOptions): Promise<RunResult> {
  const wall0 = performance.now(); // clock-ok: the run's wall time, reported beside it, never in it
  options.onProgress?.({ phase: 'loading', done: 0, total: 1 });
  const loaded = await loadData(config.data, { baseDir: options.baseDir, from: config.from, to: config.to, playTf: config.playTf, store: options.store, ...(options.allow ? { allow: options.allow } : {}) });
  if (!loaded.ok) throw new BacktestError(loaded.errors);
  const { series, tf: playTf } = loaded;
  const pauseTf = checkTimeframes(config, playTf);
  const runs = runsOf(config);
  // One worker keeps a backtest's messages off the main thread, which relays every batch between
  // workers (measured faster for the bundled pairs); a sweep spreads its runs over every core.
  const workers = options.workers ?? config.workers ?? (config.sweep ? availableParallelism() : 1);
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'tickflow-backtest-'));
  try {
    const barsDb = join(workDir, 'bars.db');
    writeBars(barsDb, series, playTf);
    const chaos = config.chaos ? { flag: new SharedArrayBuffer(4), at: config.chaos.crashAt } : null;
    const start = Math.min(...series.map((s) => s.bars[0]!.openTime));
    const end = Math.max(...series.map((s) => s.bars.at(-1)!.openTime)) + timeframeMs(playTf) - 1;
    // Where a crash lands: at rest just before the first decision boundary after `crashAt`, every bar before it whole.
    const boundaryAfter = (t: number) => bucketStart(t, pauseTf) + timeframeMs(pauseTf);
    const restBefore = chaos ? Math.max(boundaryAfter(start), boundaryAfter(chaos.at)) : undefined;
    if (restBefore !== undefined && restBefore > end) throw new BacktestError([`chaos.crashAt: the data ends at ${new Date(end + 1).toISOString()}, before the crash could land`]);
    const firstAccount = runs[0]!.accountId;
    let c: Composition;
    try {
      c = await compose({
        workers,
        series,
        playTf,
        pauseTf,
        barsDb,
        workDir,
        runs,
        account: config.account,
        baseDir: options.baseDir,
        ...(options.profile ? { profile: true } : {}),
        ...(restBefore !== undefined ? { restBefore } : {}),
        ...(chaos ? { chaos: { worker: chaosWorker(config, workers, firstAccount), flag: chaos.flag } } : {}),
      });
    } catch (e) {
      if (e instanceof StrategyConfigError) throw new BacktestError([e.message]);
      throw e;
    }
    let stats: Omit<RunStats, 'workers' | 'symbols' | 'bars' | 'wallMs' | 'simMs'>;
    try {
      const crash = chaos ? { at: restBefore! - 1, worker: chaosWorker(config, workers, firstAccount), flag: chaos.flag, warmDb: join(workDir, 'warm.db') } : null;
      const driven = await drive(c, { start, end, pauseTf, playTf, series, crash, ...(options.onProgress ? { onProgress: options.onProgress } : {}), profile: options.profile === true });
      stats = { ...(await runStats(c, runs, c.system.sim!.rounds)), ...driven };
    } finally {
      await c.system.shutdown();
    }

    options.onProgress?.({ phase: 'reporting', done: 0, total: runs.length });
    const sources = Object.fromEntries(config.data.map((d) => [d.symbol, sourceName(d)]));
    const every = config.report.every ?? pauseTf;
    const periodsPerYear = config.report.periodsPerYear ?? (365 * 86_400_000) / timeframeMs(every);
    const reports = runs.map((run, i) => {
      const account = readAccount(c.accounts[i]!.db, run.accountId);
      const report = buildReport({
        name: run.params ? `${config.name} #${run.index}` : config.name,
        description: config.description,
        series,
        sources,
        strategies: run.strategies.map((s) => ({ id: s.id, kind: s.kind ?? basename(s.module ?? ''), symbols: s.symbols, timeframe: s.timeframe, params: s.params })),
        account: { id: run.accountId, openingCash: config.account.cash, commissionPct: config.account.commissionPct, slippageBps: config.account.slippageBps },
        fills: account.fills,
        rejected: account.rejected,
        held: { cash: account.cash, positions: account.positions },
        every,
        periodsPerYear,
        riskFreeRate: config.report.riskFreeRate,
      });
      options.onProgress?.({ phase: 'reporting', done: i + 1, total: runs.length });
      return { run: run.index, params: run.params, report };
    });
    const sweep = config.sweep ? { rankBy: config.sweep.rankBy, rows: rankRuns(reports.map((r) => ({ run: r.run, params: r.params!, metrics: r.report.metrics })), config.sweep.rankBy) } : null;
    const bars = series.reduce((n, s) => n + s.bars.length, 0);
    const wallMs = performance.now() - wall0; // clock-ok: as above
    return { reports, sweep, stats: { ...stats, workers, symbols: series.length, bars, wallMs, simMs: end - start } };
  } finally {
    if (!options.workDir) rmSync(workDir, { recursive: true, force: true });
  }
}

/** The runs of a config: itself, or one per sweep combination. */
function runsOf(config: BacktestConfig): RunSpec[] {
  if (!config.sweep) return [{ index: 0, params: null, accountId: config.account.id, strategies: config.strategies }];
  return expandSweep(config).map((c) => ({ index: c.index, params: c.params, accountId: c.strategies[0]!.accountId, strategies: c.strategies }));
}

/** Every strategy's timeframes can be built from the bars played; the pause is the finest decision timeframe. */
function checkTimeframes(config: BacktestConfig, playTf: Timeframe): Timeframe {
  const problems: string[] = [];
  for (const [i, s] of config.strategies.entries()) {
    for (const tf of [s.timeframe, ...s.timeframes]) {
      if (timeframeMs(tf) < timeframeMs(playTf)) problems.push(`strategies.${i}: timeframe ${tf} is finer than the ${playTf} bars played; candles are built from bars, never split`);
    }
  }
  const every = config.report.every;
  if (every && timeframeMs(every) < timeframeMs(playTf)) problems.push(`report.every: ${every} is finer than the ${playTf} bars played`);
  if (problems.length > 0) throw new BacktestError(problems);
  return config.strategies.map((s) => s.timeframe).reduce((a, b) => (timeframeMs(b) < timeframeMs(a) ? b : a));
}

function writeBars(path: string, series: readonly Series[], tf: Timeframe): void {
  const db = open(path);
  try {
    const store = new CandleStore(db);
    db.transaction(() => {
      for (const s of series) store.writeCandles(s.symbol, tf, s.bars);
    })();
  } finally {
    db.close();
  }
}

const chaosWorker = (config: BacktestConfig, workers: number, accountId: string): number => {
  const w = config.chaos?.worker;
  if (w !== undefined) return w % workers;
  // The account's worker: the crash then tests its recovery from the log, whatever else lives there.
  return placeAddress(accountAddress(accountId), workers, {});
};

/** A source as the report names it: a file's name (not its path, which differs between machines), a store, or bundled. */
function sourceName(d: DataSource): string {
  if ('csv' in d) return `csv ${basename(d.csv)}`;
  if ('db' in d) return `sqlite ${basename(d.db)} (${d.tf})`;
  if ('store' in d) return `engine store (${d.tf})`;
  return 'bundled';
}

async function runStats(c: Composition, runs: readonly RunSpec[], rounds: number) {
  const { system } = c;
  const feed = await system.ask<{ printed: number; pauses: number; done: boolean }>(c.feed, { type: 'view' });
  if (!feed.done) throw new Error('the feed did not reach the end of the data');
  const views = await Promise.all(runs.flatMap((r) => r.strategies.map((s) => system.ask<StrategyView>(strategyAddress(s.id), { type: 'view', signals: 0 }))));
  const reveals = await Promise.all(c.reveals.map((r) => system.ask<{ shown: number }>(r, { type: 'view' })));
  return {
    prints: feed.printed,
    pauses: feed.pauses,
    rounds,
    signals: views.reduce((n, v) => n + v.state.stats.signals, 0),
    revealed: reveals.reduce((n, r) => n + r.shown, 0),
    deadLetters: system.totals().deadLetters,
    messages: system.totals().processed,
  };
}
