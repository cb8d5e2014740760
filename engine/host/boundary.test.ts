import { afterEach, expect, test } from 'bun:test';
import type { ActorSystem } from '../system.ts';
import { InvalidMessageError } from '../system.ts';
import type { Router } from '../router/router.ts';
import { startTestSystem } from '../testing/harness.ts';
import { address } from '../names.ts';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

// These tests play a misbehaving peer, so they reach past the public API to the raw channels.
const routerOf = (s: ActorSystem) => (s as unknown as { router: Router }).router;
const letters = async (s: ActorSystem) => (await s.introspect()).workers.flatMap((w) => w.deadLetters);

test('the main thread refuses a malformed message at once, naming the field', () => {
  return startTestSystem().then(({ system: s }) => {
    system = s;
    const c = s.spawn('counter', 'strict');
    expect(() => s.tell(c, { type: 'inc', by: 'ten' })).toThrow(InvalidMessageError);
    expect(() => s.tell(c, { type: 'inc', by: 'ten' })).toThrow(/invalid "inc" message.*by/);
    expect(() => s.tell(c, { type: 'explode' })).toThrow('unknown message type "explode"');
  });
});

test('malformed input at a worker boundary becomes a dead letter with its reason; the host keeps running', async () => {
  ({ system } = await startTestSystem({ workers: 1 }));
  const c = system.spawn('counter', 'target');
  const router = routerOf(system);
  const worker = router.slots[0]!.worker!;

  worker.postMessage({ t: 'bogus', payload: 1 }); // not an engine post at all
  worker.postMessage({ t: 'batch', seq: 0, to: 0, count: 1, f64: Float64Array.of(999, 1, 0, 0, 1), objs: [] }); // unknown table entry
  const inc = router.refs.table.lookup('counter', 'inc')!.id;
  const claimsTen = Float64Array.of(inc, router.refs.get(c).hash, 0, 1, 10, 5); // says 10 messages, carries 1
  worker.postMessage({ t: 'batch', seq: 0, to: 0, count: 10, f64: claimsTen, objs: [] });
  router.tell(c, { type: 'inc', by: Number.NaN }); // numeric record with a non-finite field
  router.tell(c, { type: 'inc', by: 'x' } as never); // encoded as NaN on the wire
  router.system(c, { t: 'restart' } as never); // system message missing its reason
  router.tell(address('counter', 'ghost'), { type: 'inc', by: 1 }); // nobody there

  system.tell(c, { type: 'inc', by: 2 });
  expect(await system.ask(c, { type: 'get' })).toEqual({ count: 2, log: [] });

  const reasons = (await letters(system)).map((l) => l.reason);
  expect(reasons).toContainEqual(expect.stringContaining('malformed post to worker'));
  expect(reasons).toContainEqual(expect.stringContaining('unknown message table entry 999'));
  expect(reasons).toContainEqual(expect.stringContaining('malformed run of 10 "inc" records'));
  expect(reasons.filter((r) => r === 'invalid "inc" message: a field is not a finite number')).toHaveLength(2);
  expect(reasons).toContainEqual(expect.stringMatching(/malformed system message.*reason/));
  expect(reasons).toContainEqual('no such actor on this worker');
  const t = system.totals();
  expect(t.deadLetters).toBe(16); // the malformed run counts as the 10 messages it claimed
  expect(t.inbound + t.local).toBe(t.processed + t.dropped + t.deadLetters);
});

test('spawn props are validated where the actor starts', async () => {
  let events;
  ({ system, events } = await startTestSystem());
  system.spawn('team-one', 'bad', { size: 'two' });
  await system.settle();
  expect(events).toContainEqual(
    expect.objectContaining({ type: 'spawn-failed', address: 'team-one/bad', reason: expect.stringContaining('invalid props for "team-one"') }),
  );
});
