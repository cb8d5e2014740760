import { startSamplingProfiler } from 'bun:jsc';
import type { Timeframe } from '../../market/timeframes.ts';
import type { Series } from '../data/load.ts';
import { threadProfile, type ThreadProfile } from '../profile/aggregate.ts';
import type { Composition } from './compose.ts';
import { crashWorker, type Crash } from './crash.ts';
import type { Progress } from './harness.ts';
import { settled } from './settled.ts';

export interface DriveOptions {
  /** The first print's time and the last one's. */
  readonly start: number;
  readonly end: number;
  readonly pauseTf: Timeframe;
  readonly playTf: Timeframe;
  readonly series: readonly Series[];
  /** Kill a worker at rest at `at` (the feed's rest point minus 1 ms), then recover (crash.ts). */
  readonly crash: { readonly at: number; readonly worker: number; readonly flag: SharedArrayBuffer; readonly warmDb: string } | null;
  readonly onProgress?: (p: Progress) => void;
  readonly profile: boolean;
}

/** How many slices a run is driven in: as many progress updates, few enough to cost nothing. */
const SLICES = 200;

/**
 * Runs the simulation from its first print to its last, in slices of simulated time (a progress
 * update after each), landing exactly on the crash point when there is one. Answers the wall time
 * of the simulation itself and, when asked, where each thread's time went.
 */
export async function drive(c: Composition, o: DriveOptions): Promise<{ simWallMs: number; crashes: Crash[]; profile?: { workers: ThreadProfile[]; main: ThreadProfile } }> {
  const sim = c.system.sim!;
  const crashes: Crash[] = [];
  const slice = Math.max(1, Math.ceil((o.end - o.start) / SLICES));
  let t = o.start;
  await sim.runUntil(o.start);
  if (o.profile) startSamplingProfiler();
  const t0 = performance.now(); // clock-ok: the simulation's wall time, reported beside it, never in it
  while (t < o.end) {
    let target = Math.min(o.end, t + slice);
    const crash = o.crash !== null && crashes.length === 0 ? o.crash : null;
    if (crash && target >= crash.at) target = crash.at;
    await sim.runUntil(target);
    t = target;
    if (crash && t === crash.at) crashes.push(await crashWorker(c, { worker: crash.worker, flag: crash.flag, playedBefore: crash.at + 1, series: o.series, playTf: o.playTf, warmDb: crash.warmDb }));
    o.onProgress?.({ phase: 'running', done: t - o.start, total: o.end - o.start });
  }
  await settled(sim);
  const simWallMs = performance.now() - t0; // clock-ok: as above
  if (!o.profile) return { simWallMs, crashes };
  const main = threadProfile();
  const workers = await Promise.all(c.profilers.map((p) => c.system.ask<ThreadProfile>(p, { type: 'dump' })));
  return { simWallMs, crashes, profile: { workers, main } };
}
