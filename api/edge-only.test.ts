import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServer } from '../storage/redis/testing/redis-server.ts';
import { pollHealth, startMain } from './testing/start-main.ts';
import { TestClient } from './ws/test-clients.ts';

type Main = Awaited<ReturnType<typeof startMain>>;

const stop = async (m: Main | undefined) => {
  if (!m || m.child.exitCode !== null) return;
  m.child.kill('SIGTERM');
  await m.child.exited;
};
const json = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as any };
};

/**
 * One engine process and two `--edge-only` processes, sharing a real redis-server and the SQLite
 * file: every edge serves the engine's REST answers and WebSocket topics; without the engine
 * they say so (503), keep their clients, and serve again once it is back.
 */
describe('edge processes of one engine, through Redis', () => {
  let redis: RedisServer;
  let engine: Main | undefined;
  const edges: Main[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    redis = await startRedisServer();
    env = { REDIS_URL: redis.url, TICKFLOW_DB: join(mkdtempSync(join(tmpdir(), 'tickflow-edge-')), 'shared.db'), ADMIN_KEY: 'edge-admin-key-0123456789' };
    engine = await startMain(['--speed', '600x'], env);
    edges.push(...(await Promise.all([startMain(['--edge-only'], env), startMain(['--edge-only'], env)])));
    await pollHealth(engine.url, 20_000);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([stop(engine), ...edges.map(stop)]);
    await redis?.dispose();
  });

  test('every edge answers REST from the engine: summary, candles, health, the actor tree', async () => {
    for (const edge of edges) {
      await pollHealth(edge.url, 10_000);
      const health = await json(new URL('api/health', edge.url).href);
      expect(health.body.engine.workers.length).toBe(2);
      expect(health.body.redis).toEqual({ status: 'ok' });
      // The summary fills as each pair closes its first minute: wait for the one asserted.
      const hasBtc = (body: any) => JSON.stringify(body.crypto?.symbols ?? []).includes('"BTCUSDT"');
      let summary = await json(new URL('api/market/summary?class=crypto', edge.url).href);
      for (let i = 0; i < 50 && !hasBtc(summary.body); i++) {
        await Bun.sleep(200);
        summary = await json(new URL('api/market/summary?class=crypto', edge.url).href);
      }
      expect(summary.status).toBe(200);
      expect(summary.body.crypto.symbols.map((s: { symbol: string }) => s.symbol)).toContain('BTCUSDT');
      const candles = await json(new URL('api/asset/BTCUSDT/candles?tf=1m&limit=5', edge.url).href);
      expect(candles.status).toBe(200);
      const actors = await fetch(new URL('api/admin/actors', edge.url), { headers: { 'X-API-Key': env.ADMIN_KEY! } });
      expect(actors.status).toBe(200);
      expect(JSON.stringify(await actors.json())).toContain('symbol/BTCUSDT');
    }
  }, 30_000);

  test('a topic reaches the WebSocket clients of every edge, in order', async () => {
    const clients = await Promise.all(edges.map((e) => TestClient.connect(new URL('ws', e.url.replace('http', 'ws')).href)));
    for (const c of clients) c.send({ op: 'subscribe', topic: 'tick.BTCUSDT' });
    for (const c of clients) {
      const seqs: number[] = [];
      while (seqs.length < 5) {
        const f = await c.next(10_000);
        if (f.type === 'delta') seqs.push(f.seq);
      }
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
      c.close();
    }
  }, 30_000);

  test('without the engine an edge answers 503 at once and keeps its clients; with it back, it serves again', async () => {
    const edge = edges[0]!;
    const client = await TestClient.connect(new URL('ws', edge.url.replace('http', 'ws')).href);
    await stop(engine);
    const started = performance.now();
    // A symbol's live view is never cached, so this reaches for the engine (the summary could
    // still be answered from the quarter-second cache).
    const view = await json(new URL('api/symbols/btcusdt', edge.url).href);
    expect(view.status).toBe(503);
    expect(view.body.title).toBe('Engine unreachable');
    expect(performance.now() - started).toBeLessThan(1_000); // no ask timeout to sit through
    const health = await fetch(new URL('api/health', edge.url));
    expect(health.status).toBe(503);
    client.send({ op: 'ping' });
    expect((await client.next()).type).toBe('pong');

    engine = await startMain(['--speed', '600x'], env);
    await pollHealth(edge.url, 20_000);
    expect((await json(new URL('api/symbols/btcusdt', edge.url).href)).status).toBe(200);
    client.close();
  }, 60_000);

  test('--edge-only without REDIS_URL exits 2 with why', async () => {
    const child = Bun.spawn([process.execPath, 'main.ts', '--edge-only'], { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, REDIS_URL: '' }, stderr: 'pipe', stdout: 'ignore' });
    expect(await child.exited).toBe(2);
    expect(await new Response(child.stderr).text()).toContain('--edge-only needs REDIS_URL');
  });
});
