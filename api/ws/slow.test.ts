import { afterAll, beforeAll, expect, test } from 'bun:test';
import { MARKET_KINDS } from '../../actors/market.ts';
import { ActorSystem } from '../../engine/index.ts';
import { tickTopic } from '../../market/topics.ts';
import type { WsOptionsInput } from './options.ts';
import { RawClient, type Frame, type TestClient } from './test-clients.ts';
import { startTestEdge, type TestEdge } from './test-edge.ts';

/**
 * Slow consumers, with a real one: a raw TCP client that stops reading, so the kernel buffers
 * fill and then Bun's. The assertions are on delivery and on counters, never on timings.
 */
let system: ActorSystem;
const edges: TestEdge[] = [];
beforeAll(async () => {
  system = await ActorSystem.start({ workers: 1, behaviours: MARKET_KINDS });
});
afterAll(async () => {
  for (const e of edges) await e.server.stop();
  await system.shutdown();
});

async function edgeWith(options: WsOptionsInput): Promise<TestEdge> {
  const edge = await startTestEdge({ heartbeatMs: 60_000, sweepMs: 10, ...options }, system);
  edges.push(edge);
  return edge;
}

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const PAD = 'x'.repeat(8_000);
let time = Date.UTC(2021, 3, 2);

/** One padded tick per symbol: 16 KB of frames for each subscriber, under any lagBytes below. */
function publishRound(): void {
  for (const symbol of SYMBOLS) system.publish(tickTopic(symbol), { type: 'tick', symbol, time: ++time, price: 1, qty: 1, pad: PAD });
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(2);
  }
}

async function slowReader(edge: TestEdge): Promise<RawClient> {
  const slow = await RawClient.connect(edge.server.port);
  for (const s of SYMBOLS) slow.send({ op: 'subscribe', topic: `tick.${s}` });
  await until(() => slow.texts().filter((f) => f.type === 'subscribed').length === SYMBOLS.length, 'the raw client to subscribe');
  slow.pause();
  return slow;
}

async function fastReaders(edge: TestEdge, n: number): Promise<TestClient[]> {
  const clients: TestClient[] = [];
  for (let i = 0; i < n; i++) {
    const c = await edge.connect();
    for (const s of SYMBOLS) await c.request({ op: 'subscribe', topic: `tick.${s}` });
    clients.push(c);
  }
  return clients;
}

/** Each topic's seqs as a client saw them. */
function seqsByTopic(frames: Frame[]): Map<string, number[]> {
  const by = new Map<string, number[]>();
  for (const f of frames) if (f.type === 'delta') by.set(f.topic, [...(by.get(f.topic) ?? []), f.seq]);
  return by;
}

test('a client that stops reading holds up no one, waits in bounded memory, and is closed with 4008 when behind too long', async () => {
  const edge = await edgeWith({ lagBytes: 64 * 1024, backpressureLimit: 256 * 1024, slowCloseMs: 300 });
  const stats = () => edge.server.ws!.stats();
  const slow = await slowReader(edge);
  const fast = await fastReaders(edge, 2);
  const received: Frame[][] = fast.map(() => []);
  let rounds = 0;
  let peakPending = 0;
  let peakBuffered = 0;
  let lagged = false;
  while (stats().closedSlow === 0) {
    if (rounds > 20_000) throw new Error(`the slow client was never closed: ${JSON.stringify(stats())}`);
    publishRound();
    rounds++;
    // Everything published reaches every fast client, in order, whatever the slow one does.
    for (const [i, c] of fast.entries()) received[i]!.push(...(await c.take(SYMBOLS.length)));
    const s = stats();
    lagged ||= s.lagging === 1;
    peakPending = Math.max(peakPending, s.pending);
    peakBuffered = Math.max(peakBuffered, s.buffered);
    await Bun.sleep(1);
  }
  expect(lagged).toBe(true);
  for (const frames of received) {
    const by = seqsByTopic(frames);
    for (const s of SYMBOLS) expect(by.get(`tick.${s}`)).toEqual(Array.from({ length: rounds }, (_, i) => i + 1));
  }
  // While it lagged, one frame per topic waited for it, however many were published.
  expect(peakPending).toBeLessThanOrEqual(SYMBOLS.length);
  // Bun's buffer for it stayed under backpressureLimit (plus a frame); the fast ones' near empty.
  expect(peakBuffered).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);

  slow.resume();
  const close = await slow.closeFrame;
  expect(close.code).toBe(4008);
  expect(close.reason).toBe('too slow: behind for more than 300 ms');
  await until(() => stats().connections === 2 && stats().lagging === 0 && stats().pending === 0, 'the slow connection to be gone');
  for (const c of fast) c.close();
});

test('a client that gets backpressureLimit behind is closed with 4008 at once', async () => {
  // lagBytes at the limit: the client never lags politely, it goes straight past the limit.
  const edge = await edgeWith({ lagBytes: 128 * 1024, backpressureLimit: 128 * 1024, slowCloseMs: 60_000 });
  const stats = () => edge.server.ws!.stats();
  const slow = await slowReader(edge);
  const [fast] = await fastReaders(edge, 1);
  let rounds = 0;
  while (stats().closedSlow === 0) {
    if (rounds > 20_000) throw new Error(`the slow client was never closed: ${JSON.stringify(stats())}`);
    publishRound();
    rounds++;
    await fast!.take(SYMBOLS.length);
    await Bun.sleep(1);
  }
  slow.resume();
  const close = await slow.closeFrame;
  expect(close.code).toBe(4008);
  expect(close.reason).toMatch(/^too slow: \d+ bytes behind \(limit 131072\)$/);
  fast!.close();
});

test('a lagging client gets the newest frame of each topic when it reads again, then every frame again', async () => {
  const edge = await edgeWith({ lagBytes: 64 * 1024, backpressureLimit: 1024 * 1024, slowCloseMs: 60_000 });
  const stats = () => edge.server.ws!.stats();
  const slow = await slowReader(edge);
  let rounds = 0;
  while (stats().lagging === 0) {
    if (rounds > 20_000) throw new Error(`the client never lagged: ${JSON.stringify(stats())}`);
    publishRound();
    rounds++;
    await Bun.sleep(1);
  }
  const conflatedBefore = stats().conflated;
  for (let i = 0; i < 50; i++) publishRound();
  rounds += 50;
  expect(stats().pending).toBe(SYMBOLS.length);
  expect(stats().conflated - conflatedBefore).toBeGreaterThanOrEqual(49 * SYMBOLS.length);

  slow.resume();
  await until(() => stats().lagging === 0, 'the client to catch up and rejoin');
  publishRound(); // live again: through the fan-out
  rounds++;
  const last = (topic: string) => seqsByTopic(slow.texts()).get(topic)?.at(-1);
  await until(() => SYMBOLS.every((s) => last(`tick.${s}`) === rounds), 'the last frames');
  for (const s of SYMBOLS) {
    const seqs = seqsByTopic(slow.texts()).get(`tick.${s}`)!;
    expect(seqs.every((q, i) => i === 0 || q > seqs[i - 1]!)).toBe(true); // in order, never twice
    expect(seqs.some((q, i) => i > 0 && q > seqs[i - 1]! + 1)).toBe(true); // a gap: conflated
    expect(seqs.slice(-2)).toEqual([rounds - 1, rounds]); // the newest while behind, then live
  }
  expect(stats().closedSlow).toBe(0);
  slow.end();
});
