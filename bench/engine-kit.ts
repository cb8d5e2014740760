// Shared set-up for the engine benches: a system on the engine's testing kinds, and timing helpers.
import { ActorSystem } from '../engine/index.ts';
import type { SystemOptions } from '../engine/options.ts';
import { TESTING_KINDS } from '../engine/testing/index.ts';

export const startSystem = (options: Partial<SystemOptions> = {}) =>
  ActorSystem.start({ workers: 2, behaviours: [TESTING_KINDS], ...(process.env.SPIN_MS ? { spinMs: Number(process.env.SPIN_MS) } : {}), ...options });

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `f` once to warm up, then `runs` times; returns each run's result. */
export async function repeat<T>(runs: number, f: () => Promise<T>): Promise<T[]> {
  await f();
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await f());
  return out;
}

/** Polls `done` every millisecond (benches may read wall time; the engine may not). */
export async function until(done: () => boolean): Promise<void> {
  while (!done()) await Bun.sleep(1);
}
