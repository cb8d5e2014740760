// Shared set-up for the engine benches: a system on the engine's testing kinds, and timing helpers.
import { ActorSystem, address } from '../engine/index.ts';
import type { SystemOptions } from '../engine/options.ts';
import { TESTING_KINDS } from '../engine/testing/index.ts';

export const startSystem = (options: Partial<SystemOptions> = {}) =>
  ActorSystem.start({ workers: 2, behaviours: [TESTING_KINDS], ...options });

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

/**
 * Throughput of a producer pumping numeric messages to `sink/b`, 1,000 per chunk and yielding
 * between chunks (`trickle`: one message per visit, as a replay feed): a warm-up and `runs`
 * measured runs of `n` messages each.
 */
export async function pumpRates(system: ActorSystem, n: number, runs: number): Promise<number[]> {
  const CHUNK = 1_000;
  const source = system.spawn('trickle', 'a');
  const sink = system.spawn('sink', 'b');
  await system.settle();
  const rates = await repeat(runs, async () => {
    const before = system.totals().processed;
    const t0 = performance.now();
    system.tell(source, { type: 'pump', remaining: n, chunk: CHUNK, to: sink, from: 0 });
    await until(() => system.totals().processed - before >= n + n / CHUNK);
    return n / ((performance.now() - t0) / 1000);
  });
  const got = await system.ask<{ count: number }>(address('sink', 'b'), { type: 'get' });
  if (got.count !== n * (runs + 1)) throw new Error(`sink counted ${got.count}, expected ${n * (runs + 1)}`);
  return rates;
}
