import { expect, test } from 'bun:test';
import { SimClock } from '../../engine/clock/sim-clock.ts';
import { waitFor } from '../../engine/testing/harness.ts';
import { PollLoop, type AttemptResult, type PollState } from './poll-loop.ts';

/** A loop on a SimClock whose attempts answer `results` in turn (the last one repeats). */
function setup(results: AttemptResult[], onState: (state: PollState) => void) {
  const clock = new SimClock(0);
  let n = 0;
  const loop = new PollLoop({
    clock,
    random: () => 0,
    backoff: { baseMs: 1_000, maxMs: 4_000 },
    rejectedDelayMs: () => 60_000,
    attempt: async () => results[Math.min(n++, results.length - 1)]!,
    onState,
  });
  const settled = (polls: number) => waitFor(`poll ${polls} to settle`, () => loop.stats().polls === polls && loop.stats().state !== 'polling');
  return { clock, loop, settled };
}

const ok: AttemptResult = { ok: true, nextDelayMs: 5_000 };
const busy: AttemptResult = { ok: false, kind: '503', message: 'HTTP 503', retryable: true, retryAfterMs: null };

test('onState hears every change once, with the next poll already scheduled when it is told', async () => {
  const heard: [PollState, number | null][] = [];
  const { clock, loop, settled } = setup([busy, busy, ok], (state) => heard.push([state, loop.stats().nextPollAt]));
  loop.start();
  await settled(1);
  clock.advanceTo(loop.stats().nextPollAt!);
  await settled(2);
  clock.advanceTo(loop.stats().nextPollAt!);
  await settled(3);
  loop.stop();
  loop.stop();
  expect(heard).toEqual([
    ['polling', null],
    ['backing-off', 500],
    ['polling', null],
    ['backing-off', 500 + 1_000],
    ['polling', null],
    ['waiting', 1_500 + 5_000],
    ['stopped', null],
  ]);
});

test('a listener that throws is counted and the loop carries on', async () => {
  const { loop, settled } = setup([ok], (state) => {
    if (state === 'waiting') throw new Error('listener broke');
  });
  loop.start();
  await settled(1);
  expect(loop.stats()).toMatchObject({ state: 'waiting', successes: 1, errors: { consumer: 1 }, lastError: 'onState threw: listener broke' });
});
