import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActorSystem, topic, type Introspection } from '../engine/index.ts';
import { TESTING_KINDS } from '../engine/testing/index.ts';
import { loadInstruments } from '../config/instruments.ts';
import { createLogger } from '../log/logger.ts';
import type { InstrumentRegistry } from '../market/instruments/index.ts';
import { MIGRATIONS, open } from '../storage/sqlite/index.ts';
import { createApp, type AppDeps } from './app.ts';
import { localTopicFeed } from './bus/topic-feed.ts';
import type { Health } from './health.ts';

let system: ActorSystem;
let instruments: InstrumentRegistry;
const logged: string[] = [];
const log = createLogger('debug', (l) => logged.push(l));

beforeAll(async () => {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  instruments = loaded.registry;
  system = await ActorSystem.start({ workers: 2, behaviours: [TESTING_KINDS] });
  for (let i = 0; i < 4; i++) system.spawn('counter', `c${i}`);
  await system.settle();
});
const dir = mkdtempSync(join(tmpdir(), 'tickflow-health-'));
afterAll(async () => {
  await system.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const appOn = (s: ActorSystem, healthTimeoutMs = 1000, extra: Partial<AppDeps> = {}) =>
  createApp({ system: s, startedAt: 1_000, version: '9.9.9', now: () => 5_000, healthTimeoutMs, log, instruments, ...extra });

const healthOf = async (extra: Partial<AppDeps>) => {
  const res = await appOn(system, 1000, extra).request('/api/health');
  return { status: res.status, body: (await res.json()) as Health };
};

/** The real system with its introspection replaced, for the ways a live engine is hard to break on cue. */
const withIntrospect = (introspect: () => Promise<Introspection>) => Object.assign(Object.create(system) as ActorSystem, { introspect });

describe('GET /api/health', () => {
  test('reports every worker of a running engine', async () => {
    const res = await appOn(system).request('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Health;
    expect(body).toMatchObject({ status: 'ok', uptimeMs: 4_000, version: '9.9.9' });
    expect(body.degraded).toBeUndefined();
    expect(body.engine.workers.map((w) => [w.index, w.alive, w.deaths])).toEqual([
      [0, true, 0],
      [1, true, 0],
    ]);
    expect(body.engine.workers.reduce((n, w) => n + w.actors, 0)).toBe(4);
    expect(body.engine.workers.every((w) => w.backlog === 0)).toBe(true);
    expect(body.engine.totals).toMatchObject({ workers: 2, workerDeaths: 0 });
  });

  test('is degraded (503) when a worker is not alive', async () => {
    const oneDown = withIntrospect(async () => {
      const view = await system.introspect();
      return { ...view, workers: view.workers.map((w) => (w.index === 1 ? { ...w, alive: false, deaths: 3 } : w)) };
    });
    const res = await appOn(oneDown).request('/api/health');
    expect(res.status).toBe(503);
    const body = (await res.json()) as Health;
    expect(body.status).toBe('degraded');
    expect(body.degraded).toEqual(['worker 1 is not alive (deaths: 3)']);
    expect(body.engine.workers).toHaveLength(2);
  });

  test('is degraded (503) when introspection does not answer in time', async () => {
    const hung = withIntrospect(() => new Promise<never>(() => {}));
    const res = await appOn(hung, 50).request('/api/health');
    expect(res.status).toBe(503);
    const body = (await res.json()) as Health;
    expect(body.degraded).toEqual(['engine introspection failed: no answer within 50 ms']);
    expect(body.engine.totals.workers).toBe(2);
  });

  test('is degraded (503) when introspection fails', async () => {
    const broken = withIntrospect(() => Promise.reject(new Error('control port closed')));
    const body = (await (await appOn(broken).request('/api/health')).json()) as Health;
    expect(body.degraded).toEqual(['engine introspection failed: control port closed']);
  });
});

describe('GET /api/health: feeds', () => {
  test('lists the last state each feed said on feed.*; one in trouble is a warning, not degradation', async () => {
    const app = appOn(system, 1000, { topics: localTopicFeed(system) });
    system.publish(topic('feed', 'binance'), { type: 'feed', name: 'binance', state: 'connecting', reconnects: 0, lastLoss: null });
    system.publish(topic('feed', 'binance'), { type: 'feed', name: 'binance', state: 'backoff', reconnects: 3, lastLoss: 'ECONNREFUSED' });
    system.publish(topic('feed', 'fred'), { type: 'feed', name: 'fred', state: 'missing-api-key', failing: ['UNRATE'], lastError: null });
    system.publish(topic('feed', 'yahoo'), { type: 'feed', name: 'yahoo', state: 'waiting', failing: [], lastError: null });
    await system.settle();
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Health;
    expect(body.status).toBe('ok');
    expect(body.feeds).toEqual([
      { name: 'binance', state: 'backoff', heardAt: 5_000, detail: { reconnects: 3, lastLoss: 'ECONNREFUSED' } },
      { name: 'fred', state: 'missing-api-key', heardAt: 5_000, detail: { failing: ['UNRATE'], lastError: null } },
      { name: 'yahoo', state: 'waiting', heardAt: 5_000, detail: { failing: [], lastError: null } },
    ]);
    expect(body.warnings).toEqual(['feed binance is backoff', 'feed fred is missing-api-key']);
    expect(body.degraded).toBeUndefined();
  });

  test('without a topic feed no feed is listed', async () => {
    expect((await healthOf({})).body.feeds).toEqual([]);
  });
});

describe('GET /api/health: SQLite', () => {
  test('a database that opens and answers is ok, with its schema version', async () => {
    const db = join(dir, 'ok.db');
    open(db).close();
    const { status, body } = await healthOf({ db });
    expect(status).toBe(200);
    expect(body.sqlite).toEqual({ status: 'ok', path: db, schemaVersion: MIGRATIONS.length });
  });

  test('no database configured is said, and is not degradation', async () => {
    const { status, body } = await healthOf({});
    expect(status).toBe(200);
    expect(body.sqlite).toEqual({ status: 'not-configured' });
  });

  test('a database file that cannot be opened is degraded (503), saying why', async () => {
    const db = join(dir, 'missing', 'nope.db');
    const { status, body } = await healthOf({ db });
    expect(status).toBe(503);
    expect(body.sqlite).toMatchObject({ status: 'failing', path: db });
    expect(body.degraded).toEqual([`sqlite ${db} cannot be read: unable to open database file`]);
  });

  test('a file that is not a Tickflow database is degraded too', async () => {
    const db = join(dir, 'not-a-db.db');
    await Bun.write(db, 'hello, I am a text file and not a database at all'.repeat(20));
    const { status, body } = await healthOf({ db });
    expect(status).toBe(503);
    expect(body.degraded?.[0]).toStartWith(`sqlite ${db} cannot be read: `);
  });
});

describe('errors', () => {
  test('an unknown route is a 404 problem', async () => {
    const res = await appOn(system).request('/api/nope?x=1', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toStartWith('application/problem+json');
    expect(await res.json()).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for POST /api/nope' });
  });

  test('a thrown error is a 500 problem that leaks nothing and is logged', async () => {
    const app = appOn(system);
    app.get('/api/boom', () => {
      throw new Error('secret internals at /srv/db');
    });
    const res = await app.request('/api/boom');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(text).not.toContain('at ');
    expect(JSON.parse(text)).toMatchObject({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    expect(logged.some((l) => l.includes('secret internals'))).toBe(true);
  });
});
