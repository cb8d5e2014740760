import { expect, test } from 'bun:test';
import { startTestSystem } from '../testing/harness.ts';

/**
 * A worker that dies inside a round never reports the round done. The driver counts it done,
 * waits for its successor (respawned from snapshots), and the simulation goes on to its end:
 * a crash loses what the worker was running, never the whole run.
 */
test.each(['exit', 'crash'] as const)('a worker dying in the middle of a simulated run (%s) does not stop the run', async (how) => {
  const { system, events } = await startTestSystem({ workers: 2, clock: 'sim', simStart: 0 });
  try {
    const counters = ['a', 'b', 'c', 'd'].map((id) => system.spawn('counter', id));
    for (let t = 1_000; t <= 10_000; t += 1_000) for (const c of counters) system.sim!.at(t, () => system.tell(c, { type: 'inc', by: 1 }));
    const victim = counters[0]!;
    system.sim!.at(5_500, () => system.tell(victim, how === 'exit' ? { type: 'exit', code: 3 } : { type: 'crash' }));
    await system.sim!.runUntil(10_000);
    expect(system.clock.now()).toBe(10_000);
    expect(events.some((e) => e.type === 'worker-died')).toBe(true);
    // Snapshots after every message: every increment is counted, on the dead worker's actors too.
    const counts = await Promise.all(counters.map((c) => system.ask<{ count: number }>(c, { type: 'get' })));
    expect(counts.map((c) => c.count)).toEqual([10, 10, 10, 10]);
  } finally {
    await system.shutdown();
  }
});
