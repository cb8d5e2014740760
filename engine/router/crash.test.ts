import { afterEach, expect, test } from 'bun:test';
import { address, type Address } from '../names.ts';
import type { ActorSystem } from '../system.ts';
import { startTestSystem, waitFor } from '../testing/harness.ts';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

test('a worker that calls process.exit amid 1,000,000 messages: none unaccounted, its actors come back', async () => {
  // Counters are pinned to worker 1; worker 0 survives throughout.
  const t = await startTestSystem({ workers: 2, placement: { counter: 1 } });
  system = t.system;
  const counters: Address[] = Array.from({ length: 10 }, (_, i) => system!.spawn('counter', `n${i}`));
  const TOTAL = 1_000_000;
  let inFlight: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < TOTAL; i++) {
    if (i === TOTAL / 2) {
      system.tell(counters[3]!, { type: 'exit', code: 7 });
      inFlight = system.ask(counters[5]!, { type: 'get' }, 60_000).catch((e: Error) => e);
    }
    system.tell(counters[i % 10]!, { type: 'inc', by: 1 });
    if (i % 50_000 === 0) await Bun.sleep(0); // let batches flow, as a real producer would
  }
  await waitFor('the worker to be respawned', () => t.events.some((e) => e.type === 'worker-restarted'), 30_000);
  await system.settle(60_000);

  const totals = system.totals();
  expect(totals.workerDeaths).toBe(1);
  // Every record posted was taken by some incarnation of its worker...
  expect(totals.posted).toBe(totals.inbound);
  // ...and everything taken in was processed, dropped or dead-lettered (the crash's losses included).
  expect(totals.inbound + totals.local).toBe(totals.processed + totals.dropped + totals.deadLetters);
  expect(totals.queued).toBe(0);
  // An ask the dying worker had taken fails at once, saying why, instead of waiting out its timeout.
  expect(String(await inFlight)).toContain('AskFailedError: counter/n5 did not answer: worker 1 exited with code 7');
  const died = t.events.find((e) => e.type === 'worker-died')!;
  expect(String(died['why'])).toContain('exited with code 7');
  const restarted = t.events.find((e) => e.type === 'worker-restarted')!;
  expect(restarted['actors']).toBe(10);
  expect(totals.deadLetters).toBe(restarted['lost'] as number);

  // The counters are back, restored from their snapshots, and process messages again.
  let sum = 0;
  for (const c of counters) {
    const before = (await system.ask<{ count: number }>(c, { type: 'get' })).count;
    system.tell(c, { type: 'inc', by: 1 });
    expect((await system.ask<{ count: number }>(c, { type: 'get' })).count).toBe(before + 1);
    sum += before;
  }
  // Counts restored from snapshots never exceed what was sent, and most of the stream got through.
  expect(sum).toBeLessThanOrEqual(TOTAL);
  expect(sum).toBeGreaterThan(TOTAL / 2 - 200_000);
  expect(await system.ask(address('counter', 'n3'), { type: 'get' })).toBeDefined();
}, 120_000);

test('a worker killed by an uncaught error is respawned with its actors restored', async () => {
  const t = await startTestSystem({ workers: 2, placement: { counter: 1 } });
  system = t.system;
  const c = system.spawn('counter', 'survivor');
  system.tell(c, { type: 'inc', by: 41 });
  await system.settle();
  system.tell(c, { type: 'crash' });
  await waitFor('the respawn', () => t.events.some((e) => e.type === 'worker-restarted'));
  const died = t.events.find((e) => e.type === 'worker-died')!;
  expect(String(died['why'])).toContain('uncaught in the worker');
  system.tell(c, { type: 'inc', by: 1 });
  expect(await system.ask(c, { type: 'get' })).toEqual({ count: 42, log: [] });
  expect((await system.introspect()).workers[1]).toMatchObject({ alive: true, deaths: 1 });
});
