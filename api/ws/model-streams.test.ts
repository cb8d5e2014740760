import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { ForecastMsg, OutcomeMsg } from '../../actors/forecast/index.ts';
import { forecastTopic, outcomeTopic } from '../../market/topics.ts';
import { startTestMarket, type TestMarket } from '../routes/test-market.ts';
import { startTestEdge, type TestEdge } from './test-edge.ts';

let m: TestMarket;
let edge: TestEdge;
beforeAll(async () => {
  m = await startTestMarket();
  edge = await startTestEdge({ heartbeatMs: 60_000 }, m.system, undefined, m.db);
}, 60_000);
afterAll(async () => {
  await edge.server.stop();
  await m.stop();
});

const rest = async (path: string) => (await m.app().request(path)).json();

test('/ws/asset/{symbol}/forecast: the REST answer as the snapshot, then each new forecast, numbered on', async () => {
  const c = await edge.connect('/ws/asset/btcusdt/forecast');
  const [snapshot, subscribed] = await c.take(2);
  expect(snapshot).toMatchObject({ type: 'snapshot', topic: 'forecast.BTCUSDT.1h', seq: 0 });
  expect(snapshot!.data).toEqual(await rest('/api/asset/BTCUSDT/forecast'));
  expect(subscribed).toEqual({ type: 'subscribed', topic: 'forecast.BTCUSDT.1h', snapshots: 1 });

  const next = { ...(snapshot!.data.forecast as Omit<ForecastMsg, 'type'>), type: 'forecast', openTime: 1, q50: 0.01 } as ForecastMsg;
  m.system.publish(forecastTopic('BTCUSDT', '1h'), next);
  expect(await c.next()).toEqual({ type: 'delta', topic: 'forecast.BTCUSDT.1h', seq: 1, data: next });
  c.close();
});

test('/ws/asset/{symbol}/trends: the accuracy picture as the snapshot, then each scored outcome', async () => {
  const c = await edge.connect('/ws/asset/aapl/trends');
  const [snapshot] = await c.take(2);
  expect(snapshot).toMatchObject({ type: 'snapshot', topic: 'outcome.AAPL.1d', seq: 0 });
  expect(snapshot!.data).toEqual(await rest('/api/asset/AAPL/trends?window=100&limit=200'));
  expect(snapshot!.data.models[0].model).toBe('stock-1d-h5@1');

  const outcome = { type: 'outcome', symbol: 'AAPL', tf: '1d', model: 'stock-1d-h5@1', realisedPrice: 150 } as unknown as OutcomeMsg;
  m.system.publish(outcomeTopic('AAPL', '1d'), outcome);
  expect(await c.next()).toEqual({ type: 'delta', topic: 'outcome.AAPL.1d', seq: 1, data: outcome });
  c.close();
});

test('a macro series has no model: closed with 4404 saying so', async () => {
  const c = await edge.connect('/ws/asset/unrate/forecast');
  expect(await c.closed).toEqual({ code: 4404, reason: 'UNRATE is a macro series; no model forecasts them' });
});

test('forecast and outcome topics can be subscribed to on /ws like any market topic', async () => {
  const c = await edge.connect('/ws');
  expect(await c.request({ op: 'subscribe', topic: 'forecast.ethusdt.1h' })).toEqual([{ type: 'subscribed', topic: 'forecast.ETHUSDT.1h', snapshots: 0 }]);
  const [bad] = await c.request({ op: 'subscribe', topic: 'outcome.ETHUSDT' }, 'error');
  expect(bad).toMatchObject({ code: 'invalid-topic' });
  c.close();
});
