import { availableParallelism } from 'node:os';
import { topic, type Topic } from '../../engine/index.ts';
import { parseBacktestConfig, type BacktestConfig } from '../config.ts';
import type { Report } from '../report/build.ts';
import { sweepSummary } from '../sweep/write.ts';
import { BacktestError, runBacktest, type Progress, type RunResult } from '../run/harness.ts';

/** `backtest.<jobId>`: a backtest job's progress and its end, for WebSocket clients. */
export const backtestTopic = (jobId: string): Topic => topic('backtest', jobId);

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobView {
  readonly id: string;
  readonly name: string;
  readonly status: JobStatus;
  readonly sweep: boolean;
  readonly submittedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly progress: { readonly phase: Progress['phase'] | null; readonly pct: number };
  /** What stopped a failed job, one line per problem. */
  readonly errors: readonly string[];
  /** A done backtest: report.json's content; a done sweep: its ranked table (sim/sweep/write.ts). */
  readonly report: Report | ReturnType<typeof sweepSummary> | null;
}

/** What `backtest.<id>` carries: the job's state on each change of status and each whole percent. */
export type JobMsg = { type: 'backtest'; id: string; status: JobStatus; phase: Progress['phase'] | null; pct: number; errors: readonly string[] };

export interface JobOptions {
  /** Where progress goes (the engine's topics, so /ws clients can follow a job). */
  readonly publish?: (t: Topic, msg: JobMsg) => void;
  /** The engine's candle store, for `{symbol, store: true}` data. */
  readonly store?: string;
  /** Jobs waiting beyond the running one; more is refused. */
  readonly maxQueued?: number;
  /** Finished jobs kept for GET; the oldest go first. */
  readonly keep?: number;
  /** Worker threads per job when the config does not say (the engine's own workers are busy too); a config asks for at most one per core. */
  readonly workers?: number;
  /** The largest sweep grid a job may run. */
  readonly maxSweepRuns?: number;
  /** Wall time, for the job's timestamps. */
  readonly now?: () => number;
  readonly newId?: () => string;
}

interface Job {
  id: string;
  config: BacktestConfig;
  status: JobStatus;
  submittedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  phase: Progress['phase'] | null;
  pct: number;
  errors: string[];
  result: RunResult | null;
}

/** The job queue is full: the client should come back later. */
export class JobsBusyError extends Error {
  override readonly name = 'JobsBusyError';
}

/**
 * Backtests run as jobs: submitted, queued, run one at a time (each on its own simulated actor
 * system, beside the engine's), their progress published, their reports kept for a while. The
 * data may come from the bundled files and the engine's store only, and the strategies are the
 * built-ins: a job names no file of the server's.
 */
export class BacktestJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private seq = 0;

  constructor(private readonly options: JobOptions = {}) {}

  /** Checks the config (throws BacktestError naming the problems) and queues it; answers the job at once. */
  submit(input: { config: unknown; params?: Record<string, string>; sweep?: boolean }): JobView {
    const parsed = parseBacktestConfig(input.config, input.params ?? {});
    if (!parsed.ok) throw new BacktestError([parsed.error]);
    const refused = parsed.config.data.filter((d) => 'csv' in d || 'db' in d);
    if (refused.length > 0) throw new BacktestError(refused.map((d) => `data: ${d.symbol}: a job reads the bundled data ({symbol, bundled: true}) or the engine's store ({symbol, store: true}), not a path`));
    // A module is code from a path on the server: a job runs the built-in strategies only.
    const modules = parsed.config.strategies.flatMap((st, i) => (st.module === undefined ? [] : [i]));
    if (modules.length > 0) throw new BacktestError(modules.map((i) => `strategies.${i}.module: a job runs the built-in strategies (kind); your own module runs with tickflow backtest`));
    if (input.sweep && !parsed.config.sweep) throw new BacktestError(['sweep: the config has no sweep grid']);
    const runs = input.sweep ? Object.values(parsed.config.sweep!.params).reduce((n, v) => n * v.length, 1) : 1;
    const maxRuns = this.options.maxSweepRuns ?? 1_000;
    if (runs > maxRuns) throw new BacktestError([`sweep: the grid has ${runs} combinations; a job runs at most ${maxRuns} (tickflow backtest --sweep runs more)`]);
    if (this.queue.length >= (this.options.maxQueued ?? 8)) throw new JobsBusyError(`${this.queue.length} backtests are waiting already; try again later`);
    const config: BacktestConfig = input.sweep ? parsed.config : { ...parsed.config, sweep: undefined };
    const now = this.now();
    const job: Job = { id: this.options.newId?.() ?? `bt-${now.toString(36)}-${(++this.seq).toString(36)}`, config, status: 'queued', submittedAt: now, startedAt: null, finishedAt: null, phase: null, pct: 0, errors: [], result: null };
    this.jobs.set(job.id, job);
    this.queue.push(job);
    this.publish(job);
    const accepted = this.view(job); // as submitted: the job may start in the same breath
    void this.next();
    return accepted;
  }

  get(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    return job && this.view(job);
  }

  /** Every job kept, newest first, without their reports. */
  list(): JobView[] {
    return [...this.jobs.values()].reverse().map((j) => ({ ...this.view(j), report: null }));
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length > 0) await Bun.sleep(5);
  }

  private async next(): Promise<void> {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    job.status = 'running';
    job.startedAt = this.now();
    this.publish(job);
    try {
      job.result = await runBacktest(job.config, {
        baseDir: process.cwd(),
        allow: { csv: false, db: false },
        ...(this.options.store ? { store: this.options.store } : {}),
        workers: Math.min(job.config.workers ?? this.options.workers ?? 1, availableParallelism()),
        onProgress: (p) => this.progress(job, p),
      });
      job.status = 'done';
      job.pct = 100;
    } catch (e) {
      job.status = 'failed';
      job.errors = e instanceof BacktestError ? [...e.problems] : [e instanceof Error ? e.message : String(e)];
    }
    job.finishedAt = this.now();
    this.publish(job);
    this.running = null;
    this.forgetOld();
    void this.next();
  }

  private progress(job: Job, p: Progress): void {
    // Loading and reporting are short; the run is the bar.
    const pct = p.phase === 'loading' ? 0 : p.phase === 'reporting' ? 99 : Math.min(98, Math.floor((p.done / Math.max(1, p.total)) * 98));
    if (pct === job.pct && p.phase === job.phase) return;
    job.pct = pct;
    job.phase = p.phase;
    this.publish(job);
  }

  private forgetOld(): void {
    const keep = this.options.keep ?? 50;
    const finished = [...this.jobs.values()].filter((j) => j.status === 'done' || j.status === 'failed');
    for (const j of finished.slice(0, Math.max(0, finished.length - keep))) this.jobs.delete(j.id);
  }

  private publish(job: Job): void {
    this.options.publish?.(backtestTopic(job.id), { type: 'backtest', id: job.id, status: job.status, phase: job.phase, pct: job.pct, errors: job.errors });
  }

  private view(job: Job): JobView {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    const r = job.result;
    return {
      id: job.id,
      name: job.config.name,
      status: job.status,
      sweep: job.config.sweep !== undefined,
      submittedAt: iso(job.submittedAt)!,
      startedAt: iso(job.startedAt),
      finishedAt: iso(job.finishedAt),
      progress: { phase: job.phase, pct: job.pct },
      errors: job.errors,
      report: r === null ? null : r.sweep ? sweepSummary(r) : r.reports[0]!.report,
    };
  }

  private now(): number {
    return (this.options.now ?? Date.now)(); // clock-ok: a job's timestamps are wall time, for people; nothing simulated reads them
  }
}
