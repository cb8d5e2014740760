import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import type { Redis } from 'ioredis';
import { waitFor } from '../../engine/testing/harness.ts';
import { startRedisServer, type RedisServer } from '../../storage/redis/testing/redis-server.ts';
import { closeClient, redisClient } from '../bus/redis-client.ts';
import { memoryCache } from './memory-cache.ts';
import { redisCache } from './redis-cache.ts';
import { responseCacheContract } from './response-cache.contract.ts';

let server: RedisServer;
const cleanup: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
  if (server.pid !== undefined) process.kill(server.pid, 'SIGCONT');
  if (!server.running) await server.start();
  await server.flushAll();
});
afterAll(async () => {
  await server?.dispose();
});

/** An edge process's cache: its own connection (timeouts as in production) and its own memory. */
async function edgeCache(options: Parameters<typeof redisCache>[1] = {}) {
  const client = redisClient(server.url, { role: 'cache', commandTimeoutMs: 50, maxReconnectDelayMs: 100 });
  const cache = redisCache(client, options);
  await waitFor('the cache connected', () => client.status === 'ready');
  return { cache, client, close: () => closeClient(client) };
}

responseCacheContract('redis', async () => {
  await server.flushAll();
  return edgeCache();
});

describe('redisCache', () => {
  const open = async (options: Parameters<typeof redisCache>[1] = {}) => {
    const c = await edgeCache(options);
    cleanup.push(c.close);
    return c;
  };

  test('is shared: what one edge process sets, another reads; the entry lives in Redis with its expiry', async () => {
    const [a, b] = [await open(), await open()];
    await a.cache.set('GET /api/symbols/btcusdt', '{"last":1}', 60_000);
    expect(await b.cache.get('GET /api/symbols/btcusdt')).toBe('{"last":1}');
    expect(b.cache.stats()).toEqual({ hits: 1, misses: 0, errors: 0 });
    const ttl = await a.client.pttl('tickflow:cache:GET /api/symbols/btcusdt');
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  test('while Redis is down: no call fails or waits; what this process set is served from memory; writes land there too', async () => {
    const { cache, client } = await open();
    await cache.set('seen', '"before"', 60_000);
    await server.stop('SIGKILL');
    await waitFor('the client to notice', () => client.status !== 'ready');

    const t0 = performance.now();
    expect(await cache.get('seen')).toBe('"before"');
    expect(await cache.get('never')).toBeUndefined();
    await cache.set('during', '"down"', 60_000);
    expect(await cache.get('during')).toBe('"down"');
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(50);
    expect(cache.stats()).toEqual({ hits: 2, misses: 1, errors: 4 });

    await server.start(); // empty
    await waitFor('reconnected', () => client.status === 'ready');
    // Redis lost everything; this process's copies still answer, and new entries are shared again.
    expect(await cache.get('during')).toBe('"down"');
    const other = await open();
    await cache.set('after', '"up"', 60_000);
    expect(await other.cache.get('after')).toBe('"up"');
  });

  test('a hung Redis (SIGSTOP) costs one command timeout, then is left alone for retryAfterMs', async () => {
    const { cache } = await open({ retryAfterMs: 300 });
    await cache.set('k', '"v"', 60_000);
    process.kill(server.pid!, 'SIGSTOP');
    let t0 = performance.now();
    expect(await cache.get('k')).toBe('"v"'); // from memory, after the 50 ms timeout
    const first = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < 100; i++) expect(await cache.get('k')).toBe('"v"');
    const next100 = performance.now() - t0;
    expect(first).toBeGreaterThanOrEqual(45);
    expect(first).toBeLessThan(200);
    expect(next100).toBeLessThan(50);
    console.log(`cache get, Redis frozen: first ${first.toFixed(0)} ms (timeout 50), next 100 in ${next100.toFixed(1)} ms`);
    process.kill(server.pid!, 'SIGCONT');
    const other = await open();
    await other.cache.set('shared', '"again"', 60_000);
    // Once the pause is over, Redis is asked again.
    await waitFor('the shared entry', async () => (await cache.get('shared')) === '"again"');
  });

  test('the fallback is whatever cache is given', async () => {
    const fallback = memoryCache({ maxEntries: 1 });
    const { cache } = await open({ fallback });
    await cache.set('a', '1', 60_000);
    await cache.set('b', '2', 60_000);
    expect(fallback.size).toBe(1);
  });

  test('namespaces keep deployments apart', async () => {
    const a = await open({ namespace: 'blue' });
    const b = await open({ namespace: 'green' });
    await a.cache.set('k', 'blue', 60_000);
    expect(await b.cache.get('k')).toBeUndefined();
    expect(await (a.client as Redis).get('blue:cache:k')).toBe('blue');
  });
});
