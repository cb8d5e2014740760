import { expect, test } from 'bun:test';
import { startTestSystem } from '../testing/harness.ts';
import { paceSimulation } from './pacer.ts';

/** A system on simulated time with an input scripted every simulated second from 0 to 10 s. */
async function scripted() {
  const { system } = await startTestSystem({ workers: 1, clock: 'sim', simStart: 0 });
  const hop = system.spawn('hop', '0');
  const seen: number[] = [];
  for (let t = 1_000; t <= 10_000; t += 1_000) system.sim!.at(t, () => seen.push(system.clock.now()));
  return { system, hop, seen };
}

test('a paced simulation runs every event in order up to its end, then stops there and says so', async () => {
  const { system, seen } = await scripted();
  try {
    let ended: unknown = 'not yet';
    const pacer = paceSimulation(system.sim!, { to: 10_000, speed: 1_000, onDone: (e) => (ended = e) });
    await pacer.done;
    expect(seen).toEqual([1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000, 10_000]);
    expect(system.clock.now()).toBe(10_000);
    expect(ended).toBeUndefined();
  } finally {
    await system.shutdown();
  }
});

test('at full speed, and asked from outside while it runs, the simulation answers and still ends at its end', async () => {
  const { system, hop, seen } = await scripted();
  try {
    const pacer = paceSimulation(system.sim!, { to: 10_000_000, speed: 0 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => system.ask<string[]>(hop, { type: 'get' })));
    expect(answers.every((a) => Array.isArray(a))).toBe(true);
    await pacer.done;
    expect(seen).toHaveLength(10);
    expect(system.clock.now()).toBe(10_000_000);
  } finally {
    await system.shutdown();
  }
});

test('stop ends a paced simulation before its end, and nothing runs after', async () => {
  const { system, seen } = await scripted();
  try {
    let called = false;
    const pacer = paceSimulation(system.sim!, { to: 10_000, speed: 1, onDone: () => (called = true) }); // real time: 10 s
    await pacer.stop();
    const at = system.clock.now();
    expect(at).toBeLessThan(10_000);
    await Bun.sleep(50);
    expect(system.clock.now()).toBe(at);
    expect(seen.every((t) => t <= at)).toBe(true);
    expect(called).toBe(false);
  } finally {
    await system.shutdown();
  }
});

test('a run asked for while an ask from outside is being answered waits for it instead of failing', async () => {
  const { system, hop, seen } = await scripted();
  try {
    const answered = system.ask<string[]>(hop, { type: 'get' }); // starts a drain
    await system.sim!.runUntil(10_000);
    expect(await answered).toBeArray();
    expect(seen).toHaveLength(10);
  } finally {
    await system.shutdown();
  }
});
