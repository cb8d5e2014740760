// restart: a worker hosting 1,000 actors is killed; time until all of them process messages again.
import type { ActorSystem, Address } from '../engine/index.ts';
import { report } from './report.ts';
import { median, startSystem } from './engine-kit.ts';

const ACTORS = Number(process.argv[2] ?? 1_000);
const RUNS = 5;

/** Asks every actor for its count; resolves when all have answered. */
const allAnswer = (system: ActorSystem, actors: Address[]) =>
  Promise.all(actors.map((a) => system.ask<{ count: number }>(a, { type: 'get' }, 10_000)));

async function run(): Promise<{ recover: number; cold: number; reported: number }> {
  // Baseline, same run: a cold start of a worker and its 1,000 actors, until all answer.
  let t0 = performance.now();
  const system = await startSystem({ workers: 2, placement: { counter: 1 } });
  const actors = Array.from({ length: ACTORS }, (_, i) => system.spawn('counter', `c${i}`));
  await allAnswer(system, actors);
  const cold = performance.now() - t0;

  for (const a of actors) system.tell(a, { type: 'inc', by: 1 });
  await system.settle();
  let reported = NaN;
  system.onEvent((e) => {
    if (e.type === 'worker-restarted') reported = e['ms'] as number;
  });
  // Kill: one actor calls process.exit inside worker 1. Then every actor must process a message.
  t0 = performance.now();
  system.tell(actors[0]!, { type: 'exit', code: 9 });
  await Bun.sleep(0); // the kill goes out on its own; what follows must wait for the respawn
  const counts = await allAnswer(system, actors);
  const recover = performance.now() - t0;
  if (counts.some((c) => c.count !== 1)) throw new Error('an actor lost its restored state');
  if (system.totals().workerDeaths !== 1) throw new Error('the worker did not die');
  await system.shutdown();
  return { recover, cold, reported };
}

const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await run());
const ms = (x: number) => Math.round(x * 10) / 10;
for (const r of runs) console.log(`killed worker: all ${ACTORS} answering after ${ms(r.recover)} ms (router saw respawn in ${ms(r.reported)} ms); cold start ${ms(r.cold)} ms`);
report({
  bench: 'restart',
  value: ms(median(runs.map((r) => r.recover))),
  unit: 'ms',
  baseline: ms(median(runs.map((r) => r.cold))),
  worst: ms(Math.max(...runs.map((r) => r.recover))),
  respawn_ms: ms(median(runs.map((r) => r.reported))),
  actors: ACTORS,
  runs: RUNS,
});
