import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strategyAdmin } from '../../actors/strategy/admin.ts';
import { restoreStrategies } from '../../actors/strategy/start.ts';
import { startHarness, T0, type Harness } from '../../actors/strategy/testing.ts';
import { loadInstruments } from '../../config/instruments.ts';
import { createLogger } from '../../log/logger.ts';
import { KeyVerifier } from '../alpaca/auth.ts';
import { createApp } from '../app.ts';
import { localTopicFeed } from '../bus/topic-feed.ts';
import { startServer, type RunningServer } from '../server.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-strategies-api-'));
const db = join(dir, 'tickflow.db');
const BARS = 6 * 60;
const ADMIN_KEY = 'strategies-admin-key-0123456789';
/** The harness's account `acc` with a key pair of its own, and one for another account. */
const KEYS = { acc: { keyId: 'PKACC', secret: 'acc-secret' }, other: { keyId: 'PKOTHER', secret: 'other-secret' } };
const verifier = new KeyVerifier({
  key: (keyId) => {
    const [accountId, k] = Object.entries(KEYS).find(([, k]) => k.keyId === keyId) ?? [];
    return accountId && k ? { keyId, accountId, secretHash: Bun.password.hashSync(k.secret) } : null;
  },
});
let h: Harness;
let server: RunningServer;

/** The market, the account and the edge on a real port, over the database `db`. */
async function serve(): Promise<void> {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  h = await startHarness({ db, bars: BARS });
  await restoreStrategies(h.system, db);
  const app = createApp({ system: h.system, instruments: loaded.registry, topics: localTopicFeed(h.system), db, startedAt: 0, version: 'test', log: createLogger('error'), strategies: { admin: strategyAdmin(h.system, db), verifier }, adminKey: ADMIN_KEY });
  server = startServer(app, { port: 0, host: '127.0.0.1' });
}
async function shut(): Promise<void> {
  await server.stop();
  await h.stop();
}

beforeAll(serve);
afterAll(async () => {
  await shut();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (method: string, path: string, body?: unknown, auth: Record<string, string> = { 'x-api-key': ADMIN_KEY }) => {
  const res = await fetch(new URL(path, server.url), { method, headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, any> };
};
const SMA = { id: 'fast-sma', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '5m', accountId: 'acc', params: { fast: 3, slow: 8 }, sizing: { kind: 'fixed', qty: 0.5 } };

test('POST starts a strategy from its config; GET lists and inspects it; its signals are stored and served', async () => {
  const started = await call('POST', '/api/strategies', SMA);
  expect(started.status).toBe(201);
  expect(started.body.strategy).toMatchObject({ ...SMA, direction: 'long-only', exits: {}, timeframes: [], warmup: 500 });
  await h.runUntil(T0 + BARS * 60_000);
  expect((await call('GET', '/api/strategies')).body).toEqual({ strategies: [started.body.strategy] });
  const one = await call('GET', '/api/strategies/fast-sma?signals=5');
  expect(one.status).toBe(200);
  expect(one.body.config).toEqual(started.body.strategy);
  expect(one.body.state.stats.signals).toBeGreaterThan(5);
  expect(one.body.signals).toHaveLength(5);
  expect(one.body.signals[0]).toMatchObject({ strategyId: 'fast-sma', symbol: 'BTCUSDT', orderType: 'market', trigger: 'candle' });
  const held = one.body.positions.reduce((q: number, p: { qty: number }) => q + p.qty, 0);
  expect([0, 0.5]).toContain(held);
  const stored = await call('GET', '/api/strategies/fast-sma/signals?limit=3');
  expect(stored.body.signals.map((g: { clientOrderId: string }) => g.clientOrderId)).toEqual(one.body.signals.slice(0, 3).map((g: { clientOrderId: string }) => g.clientOrderId));
  const older = await call('GET', `/api/strategies/fast-sma/signals?before=${stored.body.signals[2].time}`);
  expect(older.body.signals[0].time).toBeLessThan(stored.body.signals[2].time);
});

test('a refused config is a 400 that names the field and says why', async () => {
  const refused = await call('POST', '/api/strategies', { ...SMA, id: 'x', sizing: { kind: 'equity', pct: 10 }, symbols: [] });
  expect(refused.status).toBe(400);
  expect(refused.type).toBe('application/problem+json');
  expect(refused.body.errors).toEqual([
    { field: 'symbols', message: 'must name at least one symbol' },
    { field: 'capital', message: 'sizing equity needs capital: the money the strategy sizes from' },
  ]);
  const params = await call('POST', '/api/strategies', { ...SMA, id: 'y', params: { fast: 9, slow: 3 } });
  expect(params).toMatchObject({ status: 400, body: { title: 'Invalid strategy', detail: 'params.fast: must be shorter than slow' } });
  const module = await call('POST', '/api/strategies', { ...SMA, id: 'z', kind: undefined, module: 'no/such/file.ts' });
  expect(module.status).toBe(400);
  expect(module.body.detail).toStartWith('module: no file at ');
  expect((await call('POST', '/api/strategies', SMA)).status).toBe(409);
  const ghost = await call('POST', '/api/strategies', { ...SMA, id: 'ghost', accountId: 'ghost' });
  expect(ghost).toMatchObject({ status: 400, body: { title: 'Invalid strategy' } });
  expect(ghost.body.detail).toStartWith('accountId: no paper account ghost answers');
  expect((await call('GET', '/api/strategies')).body.strategies.map((c: { id: string }) => c.id)).toEqual(['fast-sma']);
});

test('an unknown id is a 404; /openapi.json documents the routes', async () => {
  expect((await call('GET', '/api/strategies/nope')).status).toBe(404);
  expect((await call('DELETE', '/api/strategies/nope')).status).toBe(404);
  const doc = await call('GET', '/openapi.json');
  expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/strategies', '/api/strategies/{id}', '/api/strategies/{id}/signals']));
  expect(doc.body.components.schemas.StrategyConfig.properties.sizing).toBeDefined();
});

test('started strategies come back with the engine; a stopped one does not, and keeps its signals', async () => {
  await shut();
  await serve();
  const back = await call('GET', '/api/strategies/fast-sma');
  expect(back.status).toBe(200);
  expect(back.body.state.stats.warmedCandles).toBeGreaterThan(0);
  expect(back.body.signals.length).toBeGreaterThan(0); // the newest, read back from the store
  expect(await call('DELETE', '/api/strategies/fast-sma')).toMatchObject({ status: 200, body: { id: 'fast-sma', stopped: true } });
  expect((await call('GET', '/api/strategies')).body).toEqual({ strategies: [] });
  await shut();
  await serve();
  expect((await call('GET', '/api/strategies')).body).toEqual({ strategies: [] });
  expect((await call('GET', '/api/strategies/fast-sma/signals')).body.signals.length).toBeGreaterThan(5);
  // Started again under the same id after a stop: allowed.
  expect((await call('POST', '/api/strategies', SMA)).status).toBe(201);
});

test("starting and stopping take the account's own key pair or the admin key; a module needs the admin key", async () => {
  const key = (k: { keyId: string; secret: string }) => ({ 'apca-api-key-id': k.keyId, 'apca-api-secret-key': k.secret });
  const mine = { ...SMA, id: 'keyed' };
  expect((await call('POST', '/api/strategies', mine, {})).status).toBe(401);
  expect((await call('POST', '/api/strategies', mine, { ...key(KEYS.acc), 'apca-api-secret-key': 'wrong' })).status).toBe(403);
  const foreign = await call('POST', '/api/strategies', mine, key(KEYS.other));
  expect(foreign).toMatchObject({ status: 403, body: { detail: expect.stringContaining('its own account only') } });
  const module = await call('POST', '/api/strategies', { ...mine, kind: undefined, module: 'examples/strategies/donchian-breakout.ts' }, key(KEYS.acc));
  expect(module).toMatchObject({ status: 403, body: { detail: expect.stringContaining('needs the admin key') } });
  expect((await call('POST', '/api/strategies', mine, key(KEYS.acc))).status).toBe(201);
  // Another account's key cannot stop it: for that key it does not exist.
  expect((await call('DELETE', '/api/strategies/keyed', undefined, key(KEYS.other))).status).toBe(404);
  expect((await call('DELETE', '/api/strategies/keyed', undefined, {})).status).toBe(401);
  expect((await call('DELETE', '/api/strategies/keyed', undefined, key(KEYS.acc))).status).toBe(200);
  // Reading stays open.
  expect((await call('GET', '/api/strategies', undefined, {})).status).toBe(200);
});
