import { afterAll, beforeAll, expect, test } from 'bun:test';
import { hc } from 'hono/client';
import { MARKET_KINDS } from '../actors/market.ts';
import { loadInstruments } from '../config/instruments.ts';
import { ActorSystem, address, AskTimeoutError } from '../engine/index.ts';
import { createLogger } from '../log/logger.ts';
import type { InstrumentRegistry } from '../market/instruments/index.ts';
import { createApp, type AppType } from './app.ts';
import { startServer, type RunningServer } from './server.ts';

let system: ActorSystem;
let instruments: InstrumentRegistry;
let server: RunningServer;
beforeAll(async () => {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  instruments = loaded.registry;
  system = await ActorSystem.start({ workers: 2, behaviours: MARKET_KINDS });
  system.spawn('symbol', 'ETHUSDT', { symbol: 'ETHUSDT' });
  system.tell(address('symbol', 'ETHUSDT'), { type: 'print', time: Date.UTC(2021, 3, 2), price: 1_900, qty: 2 });
  await system.settle();
  server = startServer(createApp({ system, instruments, startedAt: 0, version: 'test', log: createLogger('error') }), { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.stop();
  await system.shutdown();
});

test('AppType gives hono/client typed routes, over real HTTP', async () => {
  const client = hc<AppType>(server.url);
  const found = await client.api.assets.search.$get({ query: { q: 'ethereum' } });
  expect(found.status).toBe(200);
  if (found.status !== 200) return;
  const { results } = await found.json();
  expect(results.map((r) => r.symbol)).toEqual(['ETHUSDT']);

  const live = await client.api.symbols[':symbol'].$get({ param: { symbol: 'ethusdt' } });
  if (live.status !== 200) throw new Error(`status ${live.status}`);
  const view = await live.json();
  expect(view.forming['1m']).toMatchObject({ open: 1_900, volume: 2 });

  const unknown = await client.api.symbols[':symbol'].$get({ param: { symbol: 'ETHUSD' } });
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('content-type')).toStartWith('application/problem+json');
});

test('an actor that does not answer in time is a 503 problem, not a 500', async () => {
  const slow = Object.assign(Object.create(system) as ActorSystem, {
    ask: () => Promise.reject(new AskTimeoutError('ask to symbol/ETHUSDT ("view") got no reply within 1000 ms')),
  });
  const res = await createApp({ system: slow, instruments, startedAt: 0, version: 'test', log: createLogger('error') }).request('/api/symbols/ethusdt');
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ type: 'about:blank', title: 'Engine busy', status: 503, detail: 'the engine did not answer in time; try again' });
});
