import { afterEach, describe, expect, test } from 'bun:test';
import { address, topicPattern } from '../names.ts';
import { AskFailedError, AskTimeoutError } from './asks.ts';
import type { ActorSystem } from '../system.ts';
import { startTestSystem, waitFor } from '../testing/harness.ts';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

describe('delivery', () => {
  test('FIFO per (sender, receiver) pair across workers, under load', async () => {
    ({ system } = await startTestSystem({ workers: 4 }));
    const receivers = [system.spawn('order', 'r1'), system.spawn('order', 'r2')];
    const senders = Array.from({ length: 6 }, (_, i) => system!.spawn('source', `s${i}`));
    const N = 50_000;
    senders.forEach((s, i) => {
      for (const r of receivers) system!.tell(s, { type: 'blast', count: N, to: r, from: (i + 1) * 1e9 });
    });
    await system.settle();
    for (const r of receivers) {
      expect(await system.ask(r, { type: 'get' })).toEqual({ received: senders.length * N, outOfOrder: 0 });
    }
  });

  test('ask: a reply, a clear timeout error, and a failure that names its cause', async () => {
    ({ system } = await startTestSystem());
    const c = system.spawn('counter', 'asked');
    expect(await system.ask(c, { type: 'get' })).toEqual({ count: 0, log: [] });
    // `inc` never replies.
    const error = await system.ask(c, { type: 'inc', by: 1 }, 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AskTimeoutError);
    expect((error as Error).message).toBe('ask to counter/asked ("inc") got no reply within 50 ms');
    const failed = await system.ask(c, { type: 'fail' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AskFailedError);
    expect((failed as Error).message).toContain('counter/asked failed on "fail": asked to fail');
    const missing = await system.ask(address('counter', 'nobody'), { type: 'get' }).catch((e: unknown) => e);
    expect((missing as Error).message).toContain('no such actor');
  });

  test('bounded mailboxes: drop-oldest keeps the latest, drop-newest the first, backpressure all', async () => {
    ({ system } = await startTestSystem());
    const kinds = ['keep-latest', 'keep-first', 'keep-all'] as const;
    const actors = kinds.map((k) => system!.spawn(k, 'm'));
    // One synchronous burst lands as one batch: 1000 messages arrive before the actor runs.
    for (const a of actors) for (let v = 0; v < 1_000; v++) system.tell(a, { type: 'n', v });
    await system.settle();
    const [latest, first, all] = await Promise.all(actors.map((a) => system!.ask<number[]>(a, { type: 'get' })));
    expect(latest).toEqual(Array.from({ length: 10 }, (_, i) => 990 + i));
    expect(first).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(all).toHaveLength(1_000);
    const info = (await system.introspect()).workers.flatMap((w) => w.actors);
    expect(info.find((a) => a.kind === 'keep-latest')!.dropped).toBe(990);
    expect(info.find((a) => a.kind === 'keep-all')!.dropped).toBe(0);
    expect(system.totals().dropped).toBe(2 * 990);
  });

  test('back-pressure: tell() says "slow down" past the high-water mark, and nothing is dropped', async () => {
    ({ system } = await startTestSystem({ highWater: 1_000 }));
    const a = system.spawn('keep-all', 'bp');
    const accepted = Array.from({ length: 5_000 }, (_, v) => system!.tell(a, { type: 'n', v }));
    expect(accepted.slice(0, 900).every(Boolean)).toBe(true);
    expect(accepted.slice(1_100).some(Boolean)).toBe(false);
    await system.settle();
    expect(await system.ask<number[]>(a, { type: 'get' })).toHaveLength(5_000);
  });

  test('a producer whose turn ends on a congested peer is resumed, not stranded', async () => {
    ({ system } = await startTestSystem({ workers: 2, highWater: 2_000, placement: { trickle: 0, sink: 1 } }));
    const source = system.spawn('trickle', 'flood'); // one blast per visit, as a replay pump
    const sink = system.spawn('sink', 'slow');
    // Ten blasts wait in the source's mailbox; each flushes several times mid-turn, congesting the sink's worker.
    for (let i = 0; i < 10; i++) system.tell(source, { type: 'blast', count: 200_000, to: sink, from: 0 });
    await system.settle();
    expect(await system.ask(sink, { type: 'get' })).toMatchObject({ count: 2_000_000 });
  });

  test('an actor that keeps telling itself gets its fair share of turns, no more', async () => {
    ({ system } = await startTestSystem({ workers: 1 }));
    const sink = system.spawn('keep-latest', 'fair'); // capacity 10, drops the oldest past it
    const pump = system.spawn('trickle', 'pump'); // re-tells itself after each chunk of 5
    system.tell(pump, { type: 'pump', remaining: 50_000, chunk: 5, to: sink, from: 0 });
    await system.settle();
    // Fair rounds: 5 in, up to 1,000 out per visit, so the sink never has 10 waiting.
    expect((await system.introspect()).workers[0]!.actors.find((a) => a.address === sink)!.dropped).toBe(0);
    expect(await system.ask<number[]>(sink, { type: 'get' })).toHaveLength(50_000);
  });

  test('system messages overtake user messages already waiting', async () => {
    ({ system } = await startTestSystem());
    const c = system.spawn('counter', 'overtaken');
    await system.ask(c, { type: 'get' });
    for (let i = 0; i < 1_000; i++) system.tell(c, { type: 'inc', by: 1 });
    system.stop(c); // same batch, after the 1000 incs
    await system.settle();
    const letters = (await system.introspect()).workers.flatMap((w) => w.deadLetters);
    expect(letters).toContainEqual(expect.objectContaining({ to: c, reason: 'actor stopped (stopped from outside) with 1000 messages waiting' }));
    expect(system.totals().deadLetters).toBe(1_000);
  });

  test('pub/sub: pattern subscribers on any worker and on the main thread', async () => {
    ({ system } = await startTestSystem({ workers: 3, clock: 'sim' }));
    const seen: string[] = [];
    system.subscribe(topicPattern('test.beat.*'), (msg) => seen.push((msg as { from: string }).from));
    const l = system.spawn('listener', 'l', { pattern: 'test.beat.>' });
    for (let i = 0; i < 3; i++) system.spawn('hop', String(i));
    await system.sim!.runUntil(1_000);
    expect(new Set(seen)).toEqual(new Set(['hop/0', 'hop/1', 'hop/2']));
    const got = await system.ask<{ log: string[] }>(l, { type: 'get' });
    expect(got.log.length).toBe(seen.length);
    await waitFor('nothing left', () => system!.totals().queued === 0);
  });
});
