import { describe, expect, test } from 'bun:test';
import type { Clock } from './clock.ts';
import { LiveClock } from './live-clock.ts';
import { SimClock } from './sim-clock.ts';

/** One contract, both clocks: what engine code may rely on whichever clock it is given. */
interface Harness {
  clock: Clock;
  /** Lets `ms` of the clock's time pass. */
  pass(ms: number): Promise<void>;
}

const clocks: Record<string, () => Harness> = {
  LiveClock: () => ({ clock: new LiveClock(), pass: (ms) => Bun.sleep(ms + 15) }),
  SimClock: () => {
    const clock = new SimClock(1_000);
    return { clock, pass: async (ms) => clock.advanceBy(ms) };
  },
};

for (const [name, make] of Object.entries(clocks)) {
  describe(`Clock contract: ${name}`, () => {
    test('timers fire in time order, not registration order', async () => {
      const { clock, pass } = make();
      const fired: string[] = [];
      const t = clock.now();
      clock.at(t + 30, () => fired.push('c'));
      clock.at(t + 10, () => fired.push('a'));
      clock.at(t + 20, () => fired.push('b'));
      await pass(40);
      expect(fired).toEqual(['a', 'b', 'c']);
    });

    test('a cancelled timer never fires', async () => {
      const { clock, pass } = make();
      let fired = false;
      const id = clock.at(clock.now() + 5, () => (fired = true));
      clock.cancel(id);
      await pass(20);
      expect(fired).toBe(false);
    });

    test('time does not go backwards', async () => {
      const { clock, pass } = make();
      const a = clock.now();
      await pass(5);
      expect(clock.now()).toBeGreaterThanOrEqual(a);
      expect(clock.monotonic()).toBeGreaterThanOrEqual(0);
    });
  });
}

describe('SimClock', () => {
  test('each timer sees now() equal to its own time, ties in registration order', () => {
    const clock = new SimClock(0);
    const seen: string[] = [];
    clock.at(10, () => seen.push(`x@${clock.now()}`));
    clock.at(5, () => seen.push(`y@${clock.now()}`));
    clock.at(10, () => seen.push(`z@${clock.now()}`));
    clock.advanceTo(100);
    expect(seen).toEqual(['y@5', 'x@10', 'z@10']);
    expect(clock.now()).toBe(100);
  });

  test('timers scheduled while firing also fire when due', () => {
    const clock = new SimClock(0);
    const seen: number[] = [];
    clock.at(1, () => clock.at(clock.now() + 1, () => seen.push(clock.now())));
    clock.advanceTo(5);
    expect(seen).toEqual([2]);
  });

  test('reports the next timer and refuses to go back', () => {
    const clock = new SimClock(50);
    expect(clock.nextTimerAt()).toBe(Infinity);
    clock.at(70, () => {});
    expect(clock.nextTimerAt()).toBe(70);
    expect(() => clock.advanceTo(10)).toThrow('cannot go back in time');
  });
});
