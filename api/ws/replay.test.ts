import { afterAll, beforeAll, expect, test } from 'bun:test';
import { MARKET_KINDS, MARKET_PLACEMENT, startReplayMarket } from '../../actors/market.ts';
import { ActorSystem } from '../../engine/index.ts';
import type { Frame, TestClient } from './test-clients.ts';
import { startTestEdge, type TestEdge } from './test-edge.ts';

/** The whole way: a replayed market on the live clock, two workers, real clients. */
let edge: TestEdge;
beforeAll(async () => {
  const system = await ActorSystem.start({ workers: 2, behaviours: MARKET_KINDS, placement: MARKET_PLACEMENT });
  // 3000× real time: a 1m bar every 20 ms, four prints each.
  startReplayMarket(system, { crypto: ['BTCUSDT', 'ETHUSDT'] }, { speed: 3_000, bars: 2_000 });
  edge = await startTestEdge({ summaryMs: 100, heartbeatMs: 60_000 }, system);
});
afterAll(() => edge.stop());

/** Frames until `n` deltas have come, skipping what comes before. */
async function deltas(c: TestClient, n: number): Promise<Frame[]> {
  const out: Frame[] = [];
  while (out.length < n) {
    const f = await c.next(10_000);
    if (f.type === 'delta') out.push(f);
  }
  return out;
}

/** Per topic, each seq is the one before plus one: nothing lost, nothing twice, in order. */
function expectContiguous(frames: Frame[]): void {
  const last = new Map<string, number>();
  for (const f of frames) {
    const before = last.get(f.topic);
    if (before !== undefined) expect(f.seq).toBe(before + 1);
    last.set(f.topic, f.seq);
  }
}

test('ticks and candles of the replayed pairs arrive through patterns, numbered without gaps', async () => {
  const c = await edge.connect();
  await c.request({ op: 'subscribe', topic: 'candle.*.1m' });
  await c.request({ op: 'subscribe', topic: 'tick.BTCUSDT' });
  const frames = await deltas(c, 300);
  expectContiguous(frames);
  expect(new Set(frames.map((f) => f.topic))).toEqual(new Set(['candle.BTCUSDT.1m', 'candle.ETHUSDT.1m', 'tick.BTCUSDT']));
  for (const f of frames) {
    if (f.topic.startsWith('tick.')) expect(f.data).toMatchObject({ type: 'tick', symbol: 'BTCUSDT', price: expect.any(Number) });
    else expect(f.data).toMatchObject({ type: 'candle', symbol: f.topic.split('.')[1], candle: { tf: '1m' } });
  }
  expect(frames.some((f) => f.data.closed === true)).toBe(true);
  c.close();
});

test('a chart of the replayed market: a snapshot from the actor, then its updates', async () => {
  const c = await edge.connect('/ws/chart/ethusdt?tf=5m');
  const first = await c.next();
  expect(first).toMatchObject({ type: 'snapshot', topic: 'candle.ETHUSDT.5m', data: { type: 'candle', symbol: 'ETHUSDT', candle: { tf: '5m' } } });
  const updates = await deltas(c, 100);
  expectContiguous([first, ...updates.filter((f) => f.topic === first.topic)]);
  expect(new Set(updates.map((f) => f.topic))).toEqual(new Set(['candle.ETHUSDT.5m', 'indicators.ETHUSDT.5m']));
  c.close();
});

test('the market summary of the replayed market: all lines, then conflated changes', async () => {
  const c = await edge.connect('/ws/market/summary');
  const snapshot = await c.next();
  expect(snapshot.type).toBe('snapshot');
  const [delta] = await deltas(c, 1);
  expect(delta!.seq).toBe(snapshot.seq + 1);
  expect(delta!.data.lines.length).toBeGreaterThan(0);
  expect(delta!.data.lines.every((l: { assetClass: string; symbol: string }) => l.assetClass === 'crypto' && ['BTCUSDT', 'ETHUSDT'].includes(l.symbol))).toBe(true);
  c.close();
});
