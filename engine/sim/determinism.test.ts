import { expect, test } from 'bun:test';
import { topicPattern } from '../names.ts';
import { startTestSystem } from '../testing/harness.ts';

/** A tiny seeded PRNG, so the script is the same every run. */
const lcg = (seed: number) => () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

/** Runs the same scripted input on `workers` threads and returns everything every actor saw, in order. */
async function trace(workers: number): Promise<string> {
  const { system } = await startTestSystem({ workers, clock: 'sim', simStart: 0 });
  try {
    const hops = Array.from({ length: 8 }, (_, i) => system.spawn('hop', String(i)));
    const listener = system.spawn('listener', 'beats', { pattern: 'test.beat.*' });
    const main: string[] = [];
    system.subscribe(topicPattern('test.beat.>'), (msg) => main.push(JSON.stringify(msg)));
    const random = lcg(42);
    for (let t = 0; t < 3_000; t += 37) {
      const to = hops[Math.floor(random() * 8)]!;
      const value = Math.floor(random() * 1_000);
      system.sim!.at(t, () => system.tell(to, { type: 'fwd', value, hops: 3 }));
    }
    await system.sim!.runUntil(3_000);
    const logs = await Promise.all(hops.map((h) => system.ask<string[]>(h, { type: 'get' })));
    const beats = await system.ask<{ log: string[] }>(listener, { type: 'get' });
    expect(system.sim!.now()).toBe(3_000);
    return JSON.stringify({ logs, beats: beats.log, main });
  } finally {
    await system.shutdown();
  }
}

test('SimClock determinism: the same scripted input gives the same trace with 1, 2 and 4 workers', async () => {
  const [one, two, four] = [await trace(1), await trace(2), await trace(4)];
  const parsed = JSON.parse(one) as { logs: string[][]; beats: string[]; main: string[] };
  // The trace is rich: every hop saw messages from many senders, and beats interleave.
  expect(parsed.logs.flat().length).toBeGreaterThan(500);
  expect(parsed.beats.length).toBeGreaterThan(50);
  expect(parsed.main.length).toBe(parsed.beats.length);
  expect(two).toBe(one);
  expect(four).toBe(one);
}, 60_000);
