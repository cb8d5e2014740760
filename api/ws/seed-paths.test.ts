import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { StatsMsg } from '../../actors/symbol/index.ts';
import { address } from '../../engine/index.ts';
import { statsTopic } from '../../market/topics.ts';
import { startTestEdge, type TestEdge } from './test-edge.ts';

let edge: TestEdge;
const T0 = Date.UTC(2021, 3, 2);
const BTC = address('symbol', 'BTCUSDT');

beforeAll(async () => {
  edge = await startTestEdge({ summaryMs: 50, heartbeatMs: 60_000 });
  const { system } = edge;
  system.spawn('summary', 'crypto', { assetClass: 'crypto' });
  system.spawn('symbol', 'BTCUSDT', { symbol: 'BTCUSDT' });
  system.spawn('symbol', 'AAPL', { symbol: 'AAPL', assetClass: 'stock', timeframes: ['1d'], gaps: false });
  // Two 1m candles closed and a third forming: a forming candle and a closed row of indicators.
  for (const [i, price] of [58_000, 58_100, 58_200, 58_300, 58_400].entries()) system.tell(BTC, { type: 'print', time: T0 + i * 30_000, price, qty: 1 });
  await system.settle();
});
afterAll(() => edge.stop());

const stats = (symbol: string, time: number, last: number): StatsMsg => ({ type: 'stats', symbol, time, last, changePct: 1, volume: 10, high: last, low: last });

test('/ws/market/summary: every line first (seeded from the summary actors), then what changed, conflated', async () => {
  edge.system.publish(statsTopic('crypto', 'SOLUSDT'), stats('SOLUSDT', T0, 20));
  await edge.system.settle(); // the summary actor has it (and BTCUSDT's own, from its closed minutes); the edge has not listened yet
  const c = await edge.connect('/ws/market/summary');
  const snapshot = await c.next();
  expect(snapshot).toMatchObject({ type: 'snapshot', topic: 'market.summary', seq: 0 });
  expect(snapshot.data.lines.map((l: StatsMsg) => l.symbol)).toEqual(['BTCUSDT', 'SOLUSDT']);
  expect(snapshot.data.lines[1]).toEqual({ assetClass: 'crypto', symbol: 'SOLUSDT', time: T0, last: 20, changePct: 1, volume: 10, high: 20, low: 20 });

  // Three stats within one interval: one delta, with each symbol's newest line only.
  edge.system.publish(statsTopic('crypto', 'ETHUSDT'), stats('ETHUSDT', T0, 2_000));
  edge.system.publish(statsTopic('crypto', 'ETHUSDT'), stats('ETHUSDT', T0 + 60_000, 2_010));
  edge.system.publish(statsTopic('crypto', 'SOLUSDT'), stats('SOLUSDT', T0 + 60_000, 21));
  const delta = await c.next();
  expect(delta).toMatchObject({ type: 'delta', topic: 'market.summary', seq: 1 });
  expect(delta.data.lines.map((l: StatsMsg) => [l.symbol, l.last])).toEqual([
    ['ETHUSDT', 2_010],
    ['SOLUSDT', 21],
  ]);

  const late = await edge.connect('/ws/market/summary');
  const again = await late.next();
  expect(again).toMatchObject({ type: 'snapshot', seq: 1 });
  expect(again.data.lines.map((l: StatsMsg) => [l.symbol, l.last])).toEqual([
    ['BTCUSDT', 58_300],
    ['ETHUSDT', 2_010],
    ['SOLUSDT', 21],
  ]);
  c.close();
  late.close();
});

test('/ws/asset/{symbol}/forecast and /trends without a database: closed with "try again", since nothing is stored to show', async () => {
  for (const model of ['forecast', 'trends']) {
    const c = await edge.connect(`/ws/asset/btcusdt/${model}`);
    expect(await c.closed).toEqual({ code: 1013, reason: 'candle history is not available: no database is configured' });
  }
  const unknown = await edge.connect('/ws/asset/NOPE/forecast');
  expect(await unknown.closed).toEqual({ code: 4404, reason: 'Unknown symbol "NOPE": no known symbol is close' });
});

test('/ws/chart/{symbol}?tf=: the forming candle and the last indicators, then every update', async () => {
  const c = await edge.connect('/ws/chart/btcusdt?tf=1m');
  const opening = await c.take(4);
  expect(opening.map((f) => [f.type, f.topic, f.seq])).toEqual([
    ['snapshot', 'candle.BTCUSDT.1m', 0],
    ['subscribed', 'candle.BTCUSDT.1m', undefined],
    ['snapshot', 'indicators.BTCUSDT.1m', 0],
    ['subscribed', 'indicators.BTCUSDT.1m', undefined],
  ]);
  expect(opening[0]!.data).toMatchObject({ type: 'candle', symbol: 'BTCUSDT', closed: false, candle: { openTime: T0 + 120_000, close: 58_400, prints: 1 } });
  expect(opening[2]!.data).toMatchObject({ type: 'indicators', symbol: 'BTCUSDT', tf: '1m', openTime: T0 + 60_000, closed: true });

  edge.system.tell(BTC, { type: 'print', time: T0 + 150_000, price: 58_500, qty: 2 });
  const updates = await c.take(2);
  expect(updates.map((f) => [f.type, f.topic, f.seq])).toEqual([
    ['delta', 'candle.BTCUSDT.1m', 1],
    ['delta', 'indicators.BTCUSDT.1m', 1],
  ]);
  expect(updates[0]!.data.candle).toMatchObject({ openTime: T0 + 120_000, close: 58_500, high: 58_500, prints: 2 });
  expect(updates[1]!.data).toMatchObject({ closed: false, openTime: T0 + 120_000 });

  // A second chart on the same series starts from the hub's last values, not the actor's view.
  const second = await edge.connect('/ws/chart/BTCUSDT');
  expect((await second.take(4)).filter((f) => f.type === 'snapshot').map((f) => [f.topic, f.seq])).toEqual([
    ['candle.BTCUSDT.1m', 1],
    ['indicators.BTCUSDT.1m', 1],
  ]);
  c.close();
  second.close();
});

test('/ws/chart refusals: unknown symbol, no live data, no such timeframe (4404), bad tf (4400)', async () => {
  const closeOf = async (path: string) => (await (await edge.connect(path)).closed);
  expect(await closeOf('/ws/chart/BTCUSD')).toEqual({ code: 4404, reason: 'Unknown symbol "BTCUSD": did you mean BTCUSDT?' });
  expect(await closeOf('/ws/chart/MSFT')).toEqual({ code: 4404, reason: 'no live data: MSFT is known, but no feed runs for it' });
  expect(await closeOf('/ws/chart/AAPL?tf=1m')).toEqual({ code: 4404, reason: 'AAPL has no 1m candles (it has 1d)' });
  expect(await closeOf('/ws/chart/BTCUSDT?tf=2m')).toEqual({ code: 4400, reason: 'tf must be one of 1m, 5m, 15m, 1h, 4h, 1d, got "2m"' });
  const daily = await edge.connect('/ws/chart/aapl?tf=1d');
  expect((await daily.take(2)).map((f) => f.type)).toEqual(['subscribed', 'subscribed']); // no prints yet: nothing to snapshot
  daily.close();
});
