import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import type { Redis } from 'ioredis';
import { ActorSystem, topic } from '../../engine/index.ts';
import { waitFor } from '../../engine/testing/harness.ts';
import { TESTING_KINDS } from '../../engine/testing/index.ts';
import { startRedisServer, type RedisServer } from '../../storage/redis/testing/redis-server.ts';
import { bridgeTopics, type TopicBridge } from './redis-bridge.ts';
import { closeClient, redisClient } from './redis-client.ts';
import { redisTopicFeed, type RedisTopicFeed } from './redis-topic-feed.ts';
import { localTopicFeed } from './topic-feed.ts';

/**
 * The engine's process (a real ActorSystem, its topics bridged to Redis) and edge processes
 * (each its own connections, hearing the topics through Redis), against a real redis-server
 * that the tests stop, freeze and restart.
 */
let server: RedisServer;
let system: ActorSystem;
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  [server, system] = await Promise.all([startRedisServer(), ActorSystem.start({ workers: 1, behaviours: [TESTING_KINDS] })]);
});
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
  if (server.pid !== undefined) process.kill(server.pid, 'SIGCONT'); // in case a test froze it and failed
  if (!server.running) await server.start();
  await server.flushAll();
});
afterAll(async () => {
  await system?.shutdown();
  await server?.dispose();
});

const quick = { maxReconnectDelayMs: 100 };
/** A bridge from the engine's topics, on a connection that is up (anything said before it is, is dropped). */
async function bridge(patterns: string[], options: Parameters<typeof bridgeTopics>[3] = {}): Promise<{ bridge: TopicBridge; client: Redis }> {
  const client = redisClient(server.url, { role: 'bridge', ...quick });
  const b = bridgeTopics(localTopicFeed(system), client, patterns, options);
  cleanup.push(() => closeClient(client), () => b.close());
  await waitFor('the bridge connected', () => client.status === 'ready');
  return { bridge: b, client };
}
function feed(): RedisTopicFeed {
  const f = redisTopicFeed(server.url, quick);
  cleanup.push(() => f.close());
  return f;
}
/** Listens and records (topic, msg) pairs. */
function record(f: RedisTopicFeed, pattern: string) {
  const heard: { topic: string; msg: { type: string; n: number } }[] = [];
  f.listen(pattern, (msg, t) => heard.push({ topic: t, msg: msg as { type: string; n: number } }));
  return heard;
}
const subscribed = (f: RedisTopicFeed) => waitFor('the feed to be subscribed', () => f.subscribed());
const say = (t: string, n: number) => system.publish(topic(...t.split('.')), { type: 'v', n });

describe('bridge and feed', () => {
  test('messages arrive at every edge in order, with their topics, only those bridged', async () => {
    const { bridge: b } = await bridge(['candle.>', 'stats.*']);
    const [a, z] = [feed(), feed()];
    const all = record(a, 'candle.>');
    const oneMinute = record(z, 'candle.*.1m');
    const stats = record(z, 'stats.>');
    await Promise.all([subscribed(a), subscribed(z)]);

    const sent: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const t = ['candle.BTCUSDT.1m', 'candle.ETHUSDT.5m', 'stats.crypto', 'stats.crypto.BTCUSDT', 'tick.BTCUSDT'][n % 5]!;
      say(t, n);
      sent.push(`${t}#${n}`);
    }
    await waitFor('every candle at the first edge', () => all.length === 1200);
    await waitFor('the 1m candles and 2-segment stats at the second', () => oneMinute.length === 600 && stats.length === 600);
    expect(all.map((h) => `${h.topic}#${h.msg.n}`)).toEqual(sent.filter((s) => s.startsWith('candle.')));
    expect(oneMinute.map((h) => `${h.topic}#${h.msg.n}`)).toEqual(sent.filter((s) => s.startsWith('candle.BTCUSDT.1m')));
    // stats.crypto.BTCUSDT is not bridged (stats.* is one segment); what the edge hears of stats.> is what was bridged.
    expect(stats.every((h) => h.topic === 'stats.crypto')).toBe(true);
    expect(all[0]!.msg).toEqual({ type: 'v', n: 0 });
    await waitFor('every publish acknowledged', () => b.stats().inFlight === 0);
    expect(b.stats()).toMatchObject({ published: 1800, dropped: 0, failed: 0, topics: 3 });
  });

  test('* is one segment and > the rest, at the edge as in the engine', async () => {
    await bridge(['>']);
    const f = feed();
    const heard = { star: record(f, 'stats.*'), rest: record(f, 'stats.>'), mid: record(f, 'stats.*.BTCUSDT'), exact: record(f, 'stats.crypto') };
    await subscribed(f);
    for (const [n, t] of ['stats', 'stats.crypto', 'stats.crypto.BTCUSDT', 'stats.crypto.ETHUSDT', 'stats.stock.AAPL.x', 'statsx.crypto'].entries()) say(t, n);
    say('stats.end', 99);
    await waitFor('the end marker', () => heard.rest.some((h) => h.msg.n === 99));
    const topics = (hs: { topic: string }[]) => hs.map((h) => h.topic);
    expect(topics(heard.star)).toEqual(['stats.crypto', 'stats.end']);
    expect(topics(heard.rest)).toEqual(['stats.crypto', 'stats.crypto.BTCUSDT', 'stats.crypto.ETHUSDT', 'stats.stock.AAPL.x', 'stats.end']);
    expect(topics(heard.mid)).toEqual(['stats.crypto.BTCUSDT']);
    expect(topics(heard.exact)).toEqual(['stats.crypto']);
  });

  test('a message matching two bridged patterns goes out once; unlistening one pattern leaves the other', async () => {
    await bridge(['candle.>', 'candle.*.1m']);
    const f = feed();
    const a = record(f, 'candle.>');
    const b: string[] = [];
    const stop = f.listen('candle.*.1m', (_m, t) => b.push(t));
    await subscribed(f);
    say('candle.BTCUSDT.1m', 1);
    await waitFor('both', () => a.length === 1 && b.length === 1);
    stop();
    say('candle.BTCUSDT.1m', 2);
    await waitFor('the second', () => a.length === 2);
    expect(b).toHaveLength(1);
  });

  test('past maxInFlight a message is dropped, and the newest of its topic is published and stored once there is room', async () => {
    const { bridge: b } = await bridge(['candle.>'], { maxInFlight: 1 });
    const f = feed();
    const heard = record(f, 'candle.>');
    await subscribed(f);
    say('candle.BTCUSDT.1m', 1); // sent
    say('candle.BTCUSDT.1m', 2); // dropped: one in flight already
    say('candle.BTCUSDT.1m', 3); // dropped
    await waitFor('the newest, published again', () => heard.length === 2);
    expect(heard.map((h) => h.msg.n)).toEqual([1, 3]);
    expect(await f.lastValue('candle.BTCUSDT.1m')).toEqual({ type: 'v', n: 3 });
    expect(b.stats()).toMatchObject({ published: 2, dropped: 2, resent: 1, inFlight: 0 });
  });

  test('an edge that starts later reads the last value of each topic', async () => {
    const { bridge: b } = await bridge(['candle.>']);
    for (let n = 0; n < 10; n++) say(`candle.${n % 2 ? 'ETHUSDT' : 'BTCUSDT'}.1m`, n);
    say('candle.BTCUSDT.5m', 100);
    await waitFor('written', () => b.stats().published === 11 && b.stats().inFlight === 0);

    const late = feed();
    await waitFor('connected', () => late.stats().connected);
    expect(await late.lastValue('candle.BTCUSDT.1m')).toEqual({ type: 'v', n: 8 });
    expect(await late.lastValue('candle.ETHUSDT.1m')).toEqual({ type: 'v', n: 9 });
    expect(await late.lastValue('candle.XRPUSDT.1m')).toBeUndefined();
    const snapshot = await late.lastValues('candle.*.1m');
    expect(Object.fromEntries(snapshot)).toEqual({ 'candle.BTCUSDT.1m': { type: 'v', n: 8 }, 'candle.ETHUSDT.1m': { type: 'v', n: 9 } });
    expect([...(await late.lastValues('candle.>')).keys()].sort() as string[]).toEqual(['candle.BTCUSDT.1m', 'candle.BTCUSDT.5m', 'candle.ETHUSDT.1m']);
  });

  test('garbage on our channels is counted and dropped, never thrown at a listener', async () => {
    const f = feed();
    const heard = record(f, 'x.>');
    await subscribed(f);
    const raw = redisClient(server.url, { role: 'test' });
    cleanup.push(() => closeClient(raw));
    await waitFor('raw connected', () => raw.status === 'ready');
    await raw.publish('tickflow:x.a', '{not json');
    await raw.publish('tickflow:x.b', '{"type":"ok","n":1}');
    await waitFor('the good one', () => heard.length === 1);
    expect(f.stats().malformed).toBe(1);
  });
  test('a message JSON cannot encode is counted as failed, never thrown into the engine', async () => {
    const { bridge: b } = await bridge(['x.>']);
    const cyclic: Record<string, unknown> = { type: 'v' };
    cyclic.self = cyclic;
    expect(() => system.publish(topic('x', 'a'), { type: 'v', n: 1n } as never)).not.toThrow();
    expect(() => system.publish(topic('x', 'b'), cyclic as never)).not.toThrow();
    expect(b.stats()).toMatchObject({ failed: 2, published: 0 });
  });
});

describe('when Redis goes away', () => {
  test('the engine keeps publishing (dropped, counted, bounded), edges serve what they heard, and all flows again after a restart', async () => {
    const { bridge: b, client } = await bridge(['candle.>']);
    const edge = feed();
    const heard = record(edge, 'candle.>');
    await subscribed(edge);
    say('candle.BTCUSDT.1m', 1);
    await waitFor('the first message', () => heard.length === 1);

    await server.stop('SIGKILL');
    await waitFor('both sides to notice', () => client.status !== 'ready' && !edge.stats().connected);

    // 100,000 messages over 5 topics with Redis gone: no throw, nothing queued, nothing growing.
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    for (let n = 0; n < 100_000; n++) say(`candle.S${n % 5}.1m`, 1000 + n);
    const perMessageUs = ((performance.now() - t0) * 1000) / 100_000;
    await Bun.sleep(0);
    const s = b.stats();
    expect(s.dropped).toBe(100_000);
    expect(s).toMatchObject({ inFlight: 0, topics: 6 });
    expect(client.commandQueue.length).toBe(0);
    Bun.gc(true);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
    console.log(`publishing with Redis down: ${perMessageUs.toFixed(2)} µs per message (system.publish + bridge)`);

    // The edge answers from what it heard, at once.
    const t1 = performance.now();
    expect(await edge.lastValue('candle.BTCUSDT.1m')).toEqual({ type: 'v', n: 1 });
    expect(performance.now() - t1).toBeLessThan(100);
    expect(await edge.lastValue('candle.S0.1m')).toBeUndefined(); // never heard

    // Back on the same port, empty. Both sides reconnect; the bridge writes its held last values
    // again, and the edge delivers those that changed while it was away, then live messages again.
    const down = performance.now();
    await server.start();
    await waitFor('the edge to resubscribe', () => edge.subscribed(), 10_000);
    const reconnectedMs = performance.now() - down;
    // Each topic's newest value reaches the edge (by the bridge publishing it again, or the edge
    // reading it back: whichever comes first; possibly both), and no value in between.
    const finals = [0, 1, 2, 3, 4].map((i) => [`candle.S${i}.1m`, 1000 + 99_995 + i] as const);
    const lastOf = (t: string) => heard.findLast((h) => h.topic === t)?.msg.n;
    await waitFor('the edge to converge on the values published during the outage', () => finals.every(([t, n]) => lastOf(t) === n));
    expect(heard.slice(1).every((h) => finals.some(([t, n]) => h.topic === t && h.msg.n === n))).toBe(true);
    expect(b.stats().resent).toBe(5); // BTCUSDT's, published before the outage, was not lost
    const mark = heard.length;
    for (let n = 0; n < 500; n++) say('candle.BTCUSDT.1m', 200_000 + n);
    await waitFor('live messages again', () => heard.length === mark + 500);
    expect(heard.slice(mark).map((h) => h.msg.n)).toEqual(Array.from({ length: 500 }, (_, n) => 200_000 + n));

    const late = feed();
    await waitFor('the late edge', () => late.stats().connected);
    expect(await late.lastValue('candle.S3.1m')).toEqual({ type: 'v', n: 1000 + 99_998 });
    console.log(`redis restarted → edge resubscribed in ${reconnectedMs.toFixed(0)} ms`);
  });

  test('an edge whose own connection drops reads back what changed meanwhile', async () => {
    const { bridge: b } = await bridge(['candle.>']);
    const edge = feed();
    const heard = record(edge, 'candle.*.1m');
    await subscribed(edge);
    say('candle.BTCUSDT.1m', 1);
    await waitFor('the first message', () => heard.length === 1);

    // Redis stays up and the bridge keeps publishing; only the edge's subscription is cut.
    const admin = redisClient(server.url, { role: 'test' });
    cleanup.push(() => closeClient(admin));
    await waitFor('admin connected', () => admin.status === 'ready');
    expect(await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub')).toBe(1);
    for (let n = 2; n <= 50; n++) say(n % 2 ? 'candle.BTCUSDT.1m' : 'candle.ETHUSDT.1m', n);
    say('candle.ETHUSDT.5m', 51); // not listened to: not delivered by the resync either
    await waitFor('all written', () => b.stats().published === 51);

    await waitFor('the edge to catch up', () => heard.findLast((h) => h.topic === 'candle.BTCUSDT.1m')?.msg.n === 49 && heard.some((h) => h.msg.n === 50));
    expect(heard.every((h) => h.topic.endsWith('.1m'))).toBe(true);
    expect(edge.stats().resynced).toBeGreaterThanOrEqual(1);
    say('candle.BTCUSDT.1m', 52);
    await waitFor('live again', () => heard.at(-1)?.msg.n === 52);
  });

  test('an edge started while Redis is down answers from nothing, then subscribes when it comes up', async () => {
    await server.stop();
    const edge = feed();
    const heard = record(edge, 'candle.>');
    expect(await edge.subscribed()).toBe(false);
    expect(await edge.lastValue('candle.BTCUSDT.1m')).toBeUndefined();
    expect(await edge.lastValues('candle.>')).toEqual(new Map());
    await server.start();
    await bridge(['candle.>']);
    await subscribed(edge);
    say('candle.BTCUSDT.1m', 7);
    await waitFor('the message', () => heard.length === 1);
  });

  test('a frozen Redis (SIGSTOP): in-flight stays at its bound, the rest is dropped, lastValue falls back within its timeout; it drains on SIGCONT', async () => {
    const { bridge: b } = await bridge(['candle.>'], { maxInFlight: 1000 });
    const edge = feed();
    const heard = record(edge, 'candle.>');
    await subscribed(edge);
    say('candle.BTCUSDT.1m', 1);
    await waitFor('the first message', () => heard.length === 1);

    process.kill(server.pid!, 'SIGSTOP');
    for (let round = 0; round < 20; round++) {
      for (let n = 0; n < 1000; n++) say('candle.BTCUSDT.1m', 10 + round * 1000 + n);
      await Bun.sleep(1);
    }
    const s = b.stats();
    expect(s.inFlight).toBe(1000);
    expect(s.dropped).toBe(19_000);
    const t0 = performance.now();
    expect(await edge.lastValue('candle.BTCUSDT.1m')).toEqual({ type: 'v', n: 1 });
    const fallbackMs = performance.now() - t0;
    expect(fallbackMs).toBeLessThan(600);
    console.log(`lastValue with Redis frozen: fell back after ${fallbackMs.toFixed(0)} ms (command timeout 250 ms)`);

    process.kill(server.pid!, 'SIGCONT');
    // The thousand held are answered and heard in order, then the newest dropped one is published again.
    await waitFor('the held thousand and the newest to be answered', () => b.stats().inFlight === 0 && b.stats().published === 1002);
    await waitFor('and heard', () => heard.length === 1002);
    expect(heard.slice(1).map((h) => h.msg.n)).toEqual([...Array.from({ length: 1000 }, (_, n) => 10 + n), 10 + 19_999]);
    expect(b.stats()).toMatchObject({ resent: 1, failed: 0 });
  });
});
