import { afterAll, beforeAll, expect, test } from 'bun:test';
import { MARKET_KINDS } from '../../actors/market.ts';
import type { SymbolView } from '../../actors/symbol/index.ts';
import { loadInstruments } from '../../config/instruments.ts';
import { ActorSystem, address } from '../../engine/index.ts';
import { createLogger } from '../../log/logger.ts';
import { createApp } from '../app.ts';

let system: ActorSystem;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  system = await ActorSystem.start({ workers: 2, behaviours: MARKET_KINDS });
  system.spawn('symbol', 'BTCUSDT', { symbol: 'BTCUSDT' });
  system.tell(address('symbol', 'BTCUSDT'), { type: 'print', time: Date.UTC(2021, 3, 2), price: 58_800, qty: 0.5 });
  await system.settle();
  app = createApp({ system, startedAt: 0, version: 'test', instruments: loaded.registry, log: createLogger('error') });
});
afterAll(() => system.shutdown());

test('a live symbol is answered by its actor, in any case', async () => {
  const res = await app.request('/api/symbols/btcusdt');
  expect(res.status).toBe(200);
  const view = (await res.json()) as SymbolView;
  expect(view).toMatchObject({ symbol: 'BTCUSDT', last: 58_800 });
  expect(view.forming['1m']).toMatchObject({ open: 58_800, volume: 0.5 });
});

test('an unknown symbol is a 404 problem naming the closest ones', async () => {
  const res = await app.request('/api/symbols/BTCUSD');
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ title: 'Unknown symbol', detail: 'Unknown symbol "BTCUSD": did you mean BTCUSDT?', suggestions: ['BTCUSDT'] });
});

test('a known instrument with no feed running is a 404 that says so', async () => {
  const res = await app.request('/api/symbols/aapl');
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ title: 'No live data', detail: 'AAPL is a known instrument, but no feed is running for it' });
});

test('the live view is validated on the way in: an over-long symbol is a 400 naming the field', async () => {
  const res = await app.request(`/api/symbols/${'X'.repeat(40)}`);
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ title: 'Invalid request', errors: [{ field: 'symbol', message: 'symbol must be at most 32 characters' }] });
});
