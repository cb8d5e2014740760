import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Topic } from '../../engine/index.ts';
import { candleTopic, statsTopic, tickTopic } from '../../market/topics.ts';
import type { TopicFeed } from '../bus/topic-feed.ts';
import { startTestEdge, type TestEdge } from './test-edge.ts';

/** The patterns the hub listens on through its TopicFeed right now, with how many listens each. */
const listening = new Map<string, number>();
const watched = (inner: TopicFeed): TopicFeed => ({
  listen(pattern, listener) {
    listening.set(pattern, (listening.get(pattern) ?? 0) + 1);
    const stop = inner.listen(pattern, listener);
    return () => {
      const n = listening.get(pattern)! - 1;
      if (n === 0) listening.delete(pattern);
      else listening.set(pattern, n);
      stop();
    };
  },
});

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge({ heartbeatMs: 50, maxSubscriptions: 4, maxPayloadLength: 4096 }, undefined, watched);
});
afterAll(() => edge.stop());

let clock = Date.UTC(2021, 3, 2);
const tick = (symbol: string, price: number) => ({ type: 'tick', symbol, time: (clock += 1_000), price, qty: 1 });
const candle = (symbol: string, close: number) => ({ type: 'candle', symbol, closed: false, candle: { openTime: clock, open: 1, high: close, low: 1, close, volume: 1 } });
const publish = (topic: Topic, msg: { type: string; [field: string]: unknown }) => edge.system.publish(topic, msg);
const stats = () => edge.server.ws!.stats();

/** Resolves once `check` holds: the server sees a client's close a moment after the client does. */
async function eventually(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await Bun.sleep(5);
  }
}

test('a subscriber gets every message in order; a later one gets the last value first', async () => {
  const a = await edge.connect();
  expect(await a.request({ op: 'subscribe', topic: 'tick.btcusdt' })).toEqual([{ type: 'subscribed', topic: 'tick.BTCUSDT', snapshots: 0 }]);
  for (const price of [100, 101, 102]) publish(tickTopic('BTCUSDT'), tick('BTCUSDT', price));
  const deltas = await a.take(3);
  expect(deltas.map((f) => [f.type, f.topic, f.seq, f.data.price])).toEqual([
    ['delta', 'tick.BTCUSDT', 1, 100],
    ['delta', 'tick.BTCUSDT', 2, 101],
    ['delta', 'tick.BTCUSDT', 3, 102],
  ]);
  expect(deltas[0]!.data).toMatchObject({ type: 'tick', symbol: 'BTCUSDT', qty: 1 });

  const b = await edge.connect();
  const joined = await b.request({ op: 'subscribe', topic: 'tick.BTCUSDT' });
  expect(joined.map((f) => [f.type, f.seq, f.data?.price])).toEqual([
    ['snapshot', 3, 102],
    ['subscribed', undefined, undefined],
  ]);
  expect(joined[1]).toEqual({ type: 'subscribed', topic: 'tick.BTCUSDT', snapshots: 1 });
  expect([...listening]).toEqual([['tick.BTCUSDT', 1]]); // one listen, however many subscribers
  publish(tickTopic('BTCUSDT'), tick('BTCUSDT', 103));
  for (const c of [a, b]) expect(await c.next()).toMatchObject({ type: 'delta', topic: 'tick.BTCUSDT', seq: 4, data: { price: 103 } });
  a.close();
  b.close();
  // Nobody left: the hub stops listening and lets the last value go.
  await eventually(() => stats().topics === 0 && stats().lastValues === 0 && stats().connections === 0);
  expect(listening.size).toBe(0);
});

test('patterns: * is one segment, > the rest; a message matching several subscriptions is numbered once', async () => {
  const wide = await edge.connect();
  const one = await edge.connect();
  await wide.request({ op: 'subscribe', topic: 'candle.*.1m' });
  await one.request({ op: 'subscribe', topic: 'candle.BTCUSDT.1m' });
  expect([...listening.keys()]).toEqual(['candle.*.1m', 'candle.BTCUSDT.1m']);
  publish(candleTopic('BTCUSDT', '1m'), candle('BTCUSDT', 10));
  publish(candleTopic('ETHUSDT', '1m'), candle('ETHUSDT', 20));
  publish(candleTopic('BTCUSDT', '5m'), candle('BTCUSDT', 30)); // no one's
  publish(candleTopic('BTCUSDT', '1m'), candle('BTCUSDT', 11));
  expect((await wide.take(3)).map((f) => [f.topic, f.seq, f.data.candle.close])).toEqual([
    ['candle.BTCUSDT.1m', 1, 10],
    ['candle.ETHUSDT.1m', 1, 20],
    ['candle.BTCUSDT.1m', 2, 11],
  ]);
  expect((await one.take(2)).map((f) => [f.topic, f.seq, f.data.candle.close])).toEqual([
    ['candle.BTCUSDT.1m', 1, 10],
    ['candle.BTCUSDT.1m', 2, 11],
  ]);

  const all = await edge.connect();
  await all.request({ op: 'subscribe', topic: 'tick.>' });
  await all.request({ op: 'subscribe', topic: 'stats.crypto.*' });
  publish(tickTopic('SOLUSDT'), tick('SOLUSDT', 40));
  publish(statsTopic('stock', 'AAPL'), { type: 'stats', symbol: 'AAPL' }); // not crypto
  publish(statsTopic('crypto', 'XRPUSDT'), { type: 'stats', symbol: 'XRPUSDT' });
  publish(tickTopic('ADAUSDT'), tick('ADAUSDT', 1.2));
  expect((await all.take(3)).map((f) => [f.type, f.topic, f.seq])).toEqual([
    ['delta', 'tick.SOLUSDT', 1],
    ['delta', 'stats.crypto.XRPUSDT', 1],
    ['delta', 'tick.ADAUSDT', 1],
  ]);
  // A new subscriber to a pattern gets the last value of every topic it matches.
  const late = await edge.connect();
  const snap = await late.request({ op: 'subscribe', topic: 'candle.*.1m' });
  expect(snap.map((f) => [f.type, f.topic, f.seq])).toEqual([
    ['snapshot', 'candle.BTCUSDT.1m', 2],
    ['snapshot', 'candle.ETHUSDT.1m', 1],
    ['subscribed', 'candle.*.1m', undefined],
  ]);
  // One connection on overlapping subscriptions gets a message once per subscription, same seq.
  await all.request({ op: 'subscribe', topic: 'tick.SOLUSDT' });
  publish(tickTopic('SOLUSDT'), tick('SOLUSDT', 41));
  expect((await all.take(2)).map((f) => [f.topic, f.seq])).toEqual([
    ['tick.SOLUSDT', 2],
    ['tick.SOLUSDT', 2],
  ]);
  for (const c of [wide, one, all, late]) c.close();
  await eventually(() => stats().topics === 0);
  expect(listening.size).toBe(0);
});

test('unsubscribe stops the deltas; the last one out stops the listening', async () => {
  const c = await edge.connect();
  await c.request({ op: 'subscribe', topic: 'tick.BNBUSDT' });
  await c.request({ op: 'subscribe', topic: 'tick.LTCUSDT' });
  expect(stats().topics).toBe(2);
  expect(await c.request({ op: 'unsubscribe', topic: 'tick.bnbusdt' }, 'unsubscribed')).toEqual([{ type: 'unsubscribed', topic: 'tick.BNBUSDT' }]);
  expect(stats().topics).toBe(1);
  publish(tickTopic('BNBUSDT'), tick('BNBUSDT', 500));
  publish(tickTopic('LTCUSDT'), tick('LTCUSDT', 200));
  // Frames arrive in order: had the BNB tick been sent, it would come first.
  expect(await c.next()).toMatchObject({ type: 'delta', topic: 'tick.LTCUSDT' });
  expect(await c.request({ op: 'unsubscribe', topic: 'tick.BNBUSDT' })).toEqual([
    { type: 'error', code: 'not-subscribed', op: 'unsubscribe', topic: 'tick.BNBUSDT', message: 'not subscribed to tick.BNBUSDT' },
  ]);
  c.close();
  await eventually(() => stats().topics === 0);
});

test('subscribing again resends the snapshot: what a client does after a seq gap', async () => {
  const c = await edge.connect();
  await c.request({ op: 'subscribe', topic: 'tick.DOGEUSDT' });
  publish(tickTopic('DOGEUSDT'), tick('DOGEUSDT', 0.06));
  publish(tickTopic('DOGEUSDT'), tick('DOGEUSDT', 0.07));
  await c.take(2);
  const before = stats().subscriptions;
  expect((await c.request({ op: 'subscribe', topic: 'tick.DOGEUSDT' })).map((f) => [f.type, f.seq])).toEqual([
    ['snapshot', 2],
    ['subscribed', undefined],
  ]);
  expect(stats().subscriptions).toBe(before);
  publish(tickTopic('DOGEUSDT'), tick('DOGEUSDT', 0.08));
  expect(await c.next()).toMatchObject({ type: 'delta', seq: 3 }); // once, not once per subscribe
  c.close();
});

test('every bad request gets an error frame, and the connection carries on', async () => {
  const c = await edge.connect();
  const answer = async (frame: unknown) => (await c.request(frame, 'pong'))[0];
  expect(await answer('{"op":')).toEqual({ type: 'error', code: 'bad-json', message: 'the frame is not valid JSON' });
  c.ws.send(new Uint8Array([1, 2, 3]));
  expect(await c.next()).toMatchObject({ type: 'error', code: 'bad-frame' });
  expect(await answer({ op: 'publish', topic: 'tick.BTCUSDT' })).toMatchObject({ type: 'error', code: 'unknown-op' });
  expect(await answer({ op: 'subscribe' })).toMatchObject({ type: 'error', code: 'bad-request', op: 'subscribe' });
  expect(await answer({ op: 'subscribe', topic: 'candle.BTCUSDT.2m' })).toMatchObject({ type: 'error', code: 'invalid-topic', op: 'subscribe', topic: 'candle.BTCUSDT.2m' });
  expect(await answer({ op: 'subscribe', topic: 'tick.BTCUSD' })).toEqual({
    type: 'error',
    code: 'unknown-symbol',
    op: 'subscribe',
    topic: 'tick.BTCUSD',
    message: 'Unknown symbol "BTCUSD": did you mean BTCUSDT?',
    suggestions: ['BTCUSDT'],
  });
  for (const s of ['tick.BTCUSDT', 'tick.ETHUSDT', 'tick.SOLUSDT', 'tick.XRPUSDT']) await c.request({ op: 'subscribe', topic: s });
  expect(await answer({ op: 'subscribe', topic: 'tick.ADAUSDT' })).toEqual({
    type: 'error',
    code: 'too-many-subscriptions',
    op: 'subscribe',
    topic: 'tick.ADAUSDT',
    message: 'at most 4 subscriptions per connection: unsubscribe from one first',
  });
  expect(await answer({ op: 'ping' })).toMatchObject({ type: 'pong', time: expect.any(Number) });
  expect(stats().errors).toBeGreaterThanOrEqual(7);
  c.close();
});

test('heartbeats come every heartbeatMs', async () => {
  const c = await edge.connect();
  const beats = [await c.next(2_000, true), await c.next(2_000, true)];
  expect(beats.map((f) => f.type)).toEqual(['heartbeat', 'heartbeat']);
  expect(beats[1]!.time).toBeGreaterThan(beats[0]!.time);
  c.close();
});

test('a frame larger than maxPayloadLength closes the connection with 1009', async () => {
  const c = await edge.connect();
  c.send({ op: 'subscribe', topic: 'x'.repeat(5_000) });
  expect((await c.closed).code).toBe(1009);
});

test('HTTP is still served on the same port; /ws paths need an upgrade', async () => {
  const http = edge.server.url;
  expect((await fetch(new URL('api/health', http))).status).toBe(200);
  const plain = await fetch(new URL('ws', http));
  expect(plain.status).toBe(426);
  expect(await plain.json()).toMatchObject({ title: 'Upgrade Required', status: 426 });
  const unknown = await fetch(new URL('ws/nope', http));
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('content-type')).toStartWith('application/problem+json');
});

test('counters for /metrics are plain numbers', async () => {
  const before = stats();
  const c = await edge.connect();
  await c.request({ op: 'subscribe', topic: 'tick.ETHUSDT' });
  publish(tickTopic('ETHUSDT'), tick('ETHUSDT', 2_000));
  await c.next();
  const after = stats();
  expect(after.connections).toBeGreaterThanOrEqual(1);
  expect(after.connectionsTotal).toBe(before.connectionsTotal + 1);
  expect(after.messagesReceived).toBe(before.messagesReceived + 1);
  expect(after.messagesSent).toBeGreaterThanOrEqual(before.messagesSent + 2); // subscribed + delta
  expect(after.published).toBeGreaterThan(before.published);
  for (const v of Object.values(after)) expect(typeof v).toBe('number');
  expect(Object.keys(after).sort()).toEqual(
    ['buffered', 'closedSlow', 'conflated', 'connections', 'connectionsTotal', 'discarded', 'errors', 'lagging', 'lastValues', 'messagesDropped', 'messagesReceived', 'messagesSent', 'pending', 'published', 'subscriptions', 'topics'].sort(),
  );
  // The app's /metrics reads them.
  const metrics = await (await fetch(new URL('metrics', edge.server.url))).text();
  expect(metrics).toMatch(/^tickflow_ws_connections [1-9]/m);
  expect(metrics).toMatch(/^tickflow_ws_messages_sent_total [1-9]/m);
  c.close();
});
