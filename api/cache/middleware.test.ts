import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { Hono } from 'hono';
import { waitFor } from '../../engine/testing/harness.ts';
import { startRedisServer, type RedisServer } from '../../storage/redis/testing/redis-server.ts';
import { closeClient, redisClient } from '../bus/redis-client.ts';
import { memoryCache } from './memory-cache.ts';
import { cacheKey, cacheResponses } from './middleware.ts';
import { redisCache } from './redis-cache.ts';
import type { ResponseCache } from './response-cache.ts';

/** An app whose handlers count their calls, so a hit is seen as a handler not called. */
function app(cache: ResponseCache, match?: RegExp) {
  const calls: Record<string, number> = {};
  const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
  const a = new Hono()
    .use('/api/*', cacheResponses(cache, { ttlMs: 60_000, ...(match ? { match } : {}) }))
    .get('/api/quote', (c) => c.json({ n: count('quote'), q: c.req.query() }))
    .get('/api/text', (c) => c.text(`t${count('text')}`))
    .get('/api/missing', (c) => c.json({ n: count('missing') }, 404))
    .get('/api/private', (c) => c.json({ n: count('private') }, 200, { 'Cache-Control': 'private' }))
    .get('/api/admin/x', (c) => c.json({ n: count('admin') }))
    .post('/api/quote', (c) => c.json({ n: count('post') }));
  return { app: a, calls };
}

const get = async (a: Hono, path: string, init?: RequestInit) => {
  const res = await a.request(path, init);
  return { status: res.status, cache: res.headers.get('x-cache'), type: res.headers.get('content-type'), body: await res.text() };
};

describe('cacheResponses', () => {
  test('a miss runs the handler; the same GET again is a hit with the same body and type', async () => {
    const cache = memoryCache();
    const { app: a, calls } = app(cache);
    const first = await get(a, '/api/quote?s=btc');
    expect(first).toMatchObject({ status: 200, cache: 'miss' });
    const again = await get(a, '/api/quote?s=btc');
    expect(again).toEqual({ ...first, cache: 'hit' });
    expect(calls.quote).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  test('the key sorts the query: the same question in another order is the same entry', async () => {
    const { app: a, calls } = app(memoryCache());
    await get(a, '/api/quote?b=2&a=1');
    expect((await get(a, '/api/quote?a=1&b=2')).cache).toBe('hit');
    expect((await get(a, '/api/quote?a=1&b=3')).cache).toBe('miss');
    expect(calls.quote).toBe(2);
    expect(cacheKey('GET', 'http://x/api/q?b=2&a=1&a=0')).toBe('GET /api/q?a=1&a=0&b=2');
    expect(cacheKey('GET', 'http://x/api/q')).toBe('GET /api/q');
  });

  test('only 200 JSON answers to GETs without credentials, unless they say private or no-store', async () => {
    const { app: a, calls } = app(memoryCache());
    for (let i = 0; i < 2; i++) {
      await get(a, '/api/text');
      await get(a, '/api/missing');
      await get(a, '/api/private');
      await get(a, '/api/quote', { method: 'POST' });
      await get(a, '/api/quote', { headers: { Authorization: 'Bearer k' } });
    }
    expect(calls).toEqual({ text: 2, missing: 2, private: 2, post: 2, quote: 2 });
  });

  test('match limits which paths are cached', async () => {
    const { app: a, calls } = app(memoryCache(), /^\/api\/quote$/);
    await get(a, '/api/admin/x');
    expect((await get(a, '/api/admin/x')).cache).toBeNull();
    expect(calls.admin).toBe(2);
  });

  test('an entry expires with its time to live', async () => {
    let now = 0;
    const cache = memoryCache({ now: () => now });
    const a = new Hono().use(cacheResponses(cache, { ttlMs: 1_000 })).get('/q', (c) => c.json({ at: now }));
    await a.request('/q');
    now = 999;
    expect(await (await a.request('/q')).json()).toEqual({ at: 0 });
    now = 1_000;
    expect(await (await a.request('/q')).json()).toEqual({ at: 1_000 });
  });

  test('a cache that throws is a miss, not a failed request', async () => {
    const broken: ResponseCache = {
      get: () => Promise.reject(new Error('boom')),
      set: () => Promise.reject(new Error('boom')),
      stats: () => ({ hits: 0, misses: 0, errors: 0 }),
    };
    const { app: a } = app(broken);
    expect(await get(a, '/api/quote')).toMatchObject({ status: 200, cache: 'miss' });
  });
});

describe('cacheResponses over Redis', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => server?.dispose());

  test('two edge processes share entries; with Redis gone no request fails and each serves from memory', async () => {
    const clients = [0, 1].map(() => redisClient(server.url, { role: 'cache', commandTimeoutMs: 50, maxReconnectDelayMs: 100 }));
    try {
      await waitFor('both connected', () => clients.every((c) => c.status === 'ready'));
      const [a, b] = clients.map((c) => app(redisCache(c)));
      expect((await get(a!.app, '/api/quote?s=1')).cache).toBe('miss');
      // Written after the response: the other process sees it once the SET lands.
      await waitFor('the shared hit', async () => (await get(b!.app, '/api/quote?s=1')).cache === 'hit');
      expect(b!.calls.quote ?? 0).toBeLessThanOrEqual(1);

      await server.stop('SIGKILL');
      const t0 = performance.now();
      const answers = [];
      for (let i = 0; i < 200; i++) answers.push(await get(a!.app, `/api/quote?s=${i % 4}`));
      const perRequestMs = (performance.now() - t0) / 200;
      expect(answers.every((r) => r.status === 200)).toBe(true);
      expect(answers.filter((r) => r.cache === 'hit').length).toBeGreaterThanOrEqual(196); // 3 new keys at most miss
      console.log(`with Redis down: 200 requests, ${perRequestMs.toFixed(3)} ms each, ${answers.filter((r) => r.cache === 'hit').length} hits from memory`);

      await server.start();
      await waitFor('shared again', async () => {
        await get(a!.app, '/api/quote?s=new');
        return (await get(b!.app, '/api/quote?s=new')).cache === 'hit';
      });
    } finally {
      await Promise.all(clients.map(closeClient));
    }
  });
});
