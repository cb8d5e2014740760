import { describe, expect, test } from 'bun:test';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { EdgeConfig } from '../../config/edge-env.ts';
import { createLogger } from '../../log/logger.ts';
import { parseExposition } from '../metrics/parse.ts';
import { Registry } from '../metrics/registry.ts';
import { problem } from '../problem.ts';
import { apiKeyResolver, hashApiKey } from './api-keys.ts';
import { edgeMiddleware, type EdgeTuning } from './index.ts';
import type { EdgeEnv } from './variables.ts';

const DEFAULT_EDGE: EdgeConfig = { rateLimit: { perSec: 1000, burst: 1000 }, corsOrigins: [], bodyLimitBytes: 64 * 1024, trustProxy: false };
const ALICE = 'alice-key-0123456789abcdef';
const BOB = 'bob-key-0123456789abcdef0';

/**
 * A small app behind the edge, on a real Bun.serve on a free port, as the lead mounts it in
 * api/app.ts: the middleware first, then routes, and the app's problem-details error handlers.
 */
async function withEdge(config: Partial<EdgeConfig & EdgeTuning>, run: (e: { url: (p: string) => string; lines: () => Record<string, unknown>[]; clock: { now: number }; metrics: () => Promise<string> }) => Promise<void>) {
  const written: string[] = [];
  const clock = { now: 0 };
  const registry = new Registry();
  const keyId = apiKeyResolver([
    { id: 'alice', hash: hashApiKey(ALICE) },
    { id: 'bob', hash: hashApiKey(BOB) },
  ]);
  const app = new Hono<EdgeEnv>();
  app.use(...edgeMiddleware({ log: createLogger('debug', (l) => written.push(l)), metrics: registry, keyId, clock: () => clock.now }, { ...DEFAULT_EDGE, ...config }));
  app.get('/api/symbols/:symbol', (c) => {
    clock.now += 42; // the handler "takes" 42 ms of the injected clock
    return c.json({ symbol: c.req.param('symbol'), client: c.var.client });
  });
  app.post('/api/echo', async (c) => c.json({ length: (await c.req.text()).length }));
  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  app.get('/api/boom', () => {
    throw new Error('secret internals');
  });
  app.get('/metrics', async (c) => c.text(await registry.expose()));
  app.get('/ws', (c) => ((c.env as { upgrade(r: Request): boolean }).upgrade(c.req.raw) ? new Response(null) : problem(c, 400, 'Bad Request', 'not a WebSocket request')));
  app.notFound((c) => problem(c, 404, 'Not Found', `No route for ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => (err instanceof HTTPException ? err.getResponse() : problem(c, 500, 'Internal Server Error', 'logged')));
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch, websocket: { message: (ws, m) => void ws.send(`echo:${String(m)}`) } });
  const url = (p: string) => new URL(p, server.url).href;
  try {
    await run({
      url,
      lines: () => written.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request'),
      clock,
      metrics: async () => (await fetch(url('/metrics'))).text(),
    });
  } finally {
    await server.stop(true);
  }
}

describe('request ids', () => {
  test('generated when absent, kept when sane, replaced when not; echoed on every answer', () =>
    withEdge({ bodyLimitBytes: 10, rateLimit: { perSec: 1, burst: 9 } }, async ({ url }) => {
      const generated = (await fetch(url('/api/symbols/btc'))).headers.get('x-request-id');
      expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const kept = await fetch(url('/api/symbols/btc'), { headers: { 'X-Request-Id': 'trace-abc_123=' } });
      expect(kept.headers.get('x-request-id')).toBe('trace-abc_123=');
      for (const insane of ['a'.repeat(129), 'has space', '<script>', 'a;b']) {
        const id = (await fetch(url('/api/symbols/btc'), { headers: { 'X-Request-Id': insane } })).headers.get('x-request-id');
        expect(id).not.toBe(insane);
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
      }
      // Errors from the app and from the edge itself carry it too.
      const errors = [await fetch(url('/nowhere')), await fetch(url('/api/boom')), await fetch(url('/api/echo'), { method: 'POST', body: 'x'.repeat(11) })];
      const limited = await fetch(url('/api/symbols/btc'));
      expect([...errors, limited].map((r) => r.status)).toEqual([404, 500, 413, 429]);
      for (const r of [...errors, limited]) expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }));
});

describe('access log', () => {
  test('one JSON line per request: method, path without query, route pattern, status, latency, id, client', () =>
    withEdge({}, async ({ url, lines }) => {
      await fetch(url('/api/symbols/btcusdt?token=secret'), { headers: { 'X-Request-Id': 'req-1', 'X-API-Key': ALICE } });
      await fetch(url('/api/symbols/ethusdt'), { headers: { 'X-Request-Id': 'req-2', 'X-API-Key': 'not-a-key-anyone-holds' } });
      await fetch(url('/nowhere/at/all'), { headers: { 'X-Request-Id': 'req-3' } });
      expect(lines()).toEqual([
        { method: 'GET', path: '/api/symbols/btcusdt', route: '/api/symbols/:symbol', status: 200, latencyMs: 42, requestId: 'req-1', ip: '127.0.0.1', keyId: 'alice', time: expect.any(String), level: 'info', msg: 'request' },
        { method: 'GET', path: '/api/symbols/ethusdt', route: '/api/symbols/:symbol', status: 200, latencyMs: 42, requestId: 'req-2', ip: '127.0.0.1', time: expect.any(String), level: 'info', msg: 'request' },
        { method: 'GET', path: '/nowhere/at/all', route: '(unmatched)', status: 404, latencyMs: 0, requestId: 'req-3', ip: '127.0.0.1', time: expect.any(String), level: 'info', msg: 'request' },
      ]);
      expect(JSON.stringify(lines())).not.toContain('secret');
      expect(JSON.stringify(lines())).not.toContain(ALICE); // the key's holder is logged, never the key
    }));

  test('health checks and scrapes are logged at debug, server errors at warn', () =>
    withEdge({}, async ({ url, lines }) => {
      await fetch(url('/api/health'));
      await fetch(url('/api/boom'));
      expect(lines().map((l) => [l.route, l.status, l.level])).toEqual([
        ['/api/health', 200, 'debug'],
        ['/api/boom', 500, 'warn'],
      ]);
    }));

  test('feeds the latency histogram by route pattern', () =>
    withEdge({}, async ({ url, metrics }) => {
      for (const s of ['a', 'b']) await fetch(url(`/api/symbols/${s}`));
      const h = parseExposition(await metrics()).get('tickflow_http_request_duration_seconds')!;
      const series = h.samples.filter((s) => s.labels.route === '/api/symbols/:symbol');
      expect(series.find((s) => s.name.endsWith('_count'))!.value).toBe(2);
      expect(series.find((s) => s.name.endsWith('_sum'))!.value).toBeCloseTo(0.084);
      expect(series.find((s) => s.labels.le === '0.025')!.value).toBe(0); // 42 ms each
      expect(series.find((s) => s.labels.le === '0.05')!.value).toBe(2);
    }));
});

describe('CORS', () => {
  const preflight = (url: string, origin: string, method: string) =>
    fetch(url, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'x-api-key' } });

  test('reads are open to any origin; writes only to the configured ones', () =>
    withEdge({ corsOrigins: ['https://app.example.com'] }, async ({ url }) => {
      const read = await preflight(url('/api/symbols/btc'), 'https://elsewhere.example', 'GET');
      expect(read.status).toBe(204);
      expect(read.headers.get('access-control-allow-origin')).toBe('*');
      expect(read.headers.get('access-control-allow-methods')).toBe('GET,HEAD');
      expect(read.headers.get('access-control-max-age')).toBe('600');

      const write = await preflight(url('/api/echo'), 'https://elsewhere.example', 'POST');
      expect(write.headers.get('access-control-allow-origin')).toBeNull();

      const trusted = await preflight(url('/api/echo'), 'https://app.example.com', 'POST');
      expect(trusted.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(trusted.headers.get('access-control-allow-methods')).toContain('POST');
      expect(trusted.headers.get('access-control-allow-headers')).toContain('X-API-Key');
      expect(trusted.headers.get('vary')).toContain('Origin');

      const get = await fetch(url('/api/symbols/btc'), { headers: { Origin: 'https://elsewhere.example' } });
      expect(get.headers.get('access-control-allow-origin')).toBe('*');
      expect(get.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
      expect(get.headers.get('access-control-allow-credentials')).toBeNull();
      const post = await fetch(url('/api/echo'), { method: 'POST', body: '{}', headers: { Origin: 'https://elsewhere.example' } });
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    }));

  test('CORS_ORIGINS=* lets every origin write', () =>
    withEdge({ corsOrigins: '*' }, async ({ url }) => {
      const res = await preflight(url('/api/echo'), 'https://anyone.example', 'DELETE');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-methods')).toContain('DELETE');
    }));
});

describe('secure headers', () => {
  test('on answers and errors alike', () =>
    withEdge({}, async ({ url }) => {
      for (const res of [await fetch(url('/api/symbols/btc')), await fetch(url('/nowhere'))]) {
        expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      }
    }));
});

describe('body limit', () => {
  test('a body over the limit is a 413 problem, declared or streamed; one under it arrives intact', () =>
    withEdge({ bodyLimitBytes: 1000 }, async ({ url }) => {
      const declared = await fetch(url('/api/echo'), { method: 'POST', body: 'x'.repeat(1001) });
      expect(declared.status).toBe(413);
      expect(declared.headers.get('content-type')).toStartWith('application/problem+json');
      expect(await declared.json()).toEqual({ type: 'about:blank', title: 'Content Too Large', status: 413, detail: 'The request body is over the limit of 1000 bytes.' });

      const chunks = [new Uint8Array(600), new Uint8Array(600)];
      const streamed = await fetch(url('/api/echo'), {
        method: 'POST',
        body: new ReadableStream({ pull: (ctl) => (chunks.length ? ctl.enqueue(chunks.shift()!) : ctl.close()) }),
      });
      expect(streamed.status).toBe(413);

      const fits = await fetch(url('/api/echo'), { method: 'POST', body: 'y'.repeat(1000) });
      expect(fits.status).toBe(200);
      expect(await fits.json()).toEqual({ length: 1000 });
    }));
});

describe('rate limit', () => {
  const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });

  test('429 with Retry-After after the burst, back after the refill', () =>
    withEdge({ rateLimit: { perSec: 2, burst: 3 } }, async ({ url, clock }) => {
      const first = await get(url('/api/health'));
      expect(first.headers.get('ratelimit-policy')).toBe('"edge";q=3;w=2');
      expect(first.headers.get('ratelimit')).toBe('"edge";r=2;t=1');
      expect((await get(url('/api/health'))).status).toBe(200);
      expect((await get(url('/api/health'))).status).toBe(200);

      const refused = await get(url('/api/health'), { Origin: 'https://elsewhere.example' });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1'); // half a second to the next token, rounded up
      expect(refused.headers.get('ratelimit')).toBe('"edge";r=0;t=2');
      expect(refused.headers.get('access-control-allow-origin')).toBe('*'); // a browser can read why
      expect(refused.headers.get('content-type')).toStartWith('application/problem+json');
      expect(await refused.json()).toEqual({
        type: 'about:blank',
        title: 'Too Many Requests',
        status: 429,
        detail: 'Rate limit for address 127.0.0.1: 3 requests at once, 2 per second after that. Retry after 1 s.',
      });

      clock.now += 499;
      expect((await get(url('/api/health'))).status).toBe(429);
      clock.now += 1;
      expect((await get(url('/api/health'))).status).toBe(200);
      expect((await get(url('/api/health'))).status).toBe(429);
      clock.now += 1_500; // three tokens' worth: the whole burst again
      for (let i = 0; i < 3; i++) expect((await get(url('/api/health'))).status).toBe(200);
      expect((await get(url('/api/health'))).status).toBe(429);
    }));

  test('key holders have their own buckets; an unknown key counts against the address', () =>
    withEdge({ rateLimit: { perSec: 1, burst: 2 } }, async ({ url }) => {
      const status = async (headers: Record<string, string> = {}) => (await get(url('/api/health'), headers)).status;
      expect([await status(), await status(), await status()]).toEqual([200, 200, 429]);
      expect(await status({ 'X-API-Key': 'made-up-key-to-dodge-the-limit' })).toBe(429);
      expect([await status({ 'X-API-Key': ALICE }), await status({ Authorization: `Bearer ${ALICE}` }), await status({ 'X-API-Key': ALICE })]).toEqual([200, 200, 429]);
      expect(await status({ Authorization: `bearer ${BOB}` })).toBe(200);
      const refusal = (await (await get(url('/api/health'), { 'X-API-Key': ALICE })).json()) as { detail: string };
      expect(refusal.detail).toStartWith('Rate limit for API key alice:');
    }));

  test('X-Forwarded-For is ignored unless the proxy is trusted, and then only its last entry counts', async () => {
    await withEdge({ rateLimit: { perSec: 1, burst: 1 } }, async ({ url, lines }) => {
      expect((await get(url('/api/health'), { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(200);
      expect((await get(url('/api/health'), { 'X-Forwarded-For': '203.0.113.2' })).status).toBe(429);
      expect(lines().map((l) => l.ip)).toEqual(['127.0.0.1', '127.0.0.1']);
    });
    await withEdge({ rateLimit: { perSec: 1, burst: 1 }, trustProxy: true }, async ({ url, lines }) => {
      expect((await get(url('/api/health'), { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(200);
      expect((await get(url('/api/health'), { 'X-Forwarded-For': '203.0.113.2' })).status).toBe(200);
      // A client writing its own entries first cannot choose its bucket: the proxy's entry is last.
      expect((await get(url('/api/health'), { 'X-Forwarded-For': '10.9.9.9, 203.0.113.1' })).status).toBe(429);
      expect((await get(url('/api/health'), { 'X-Forwarded-For': 'garbage' })).status).toBe(200); // falls back to the socket's address
      // One IPv6 host holds a /64: its addresses share a bucket.
      expect((await get(url('/api/health'), { 'X-Forwarded-For': '2001:db8:1:2::1' })).status).toBe(200);
      expect((await get(url('/api/health'), { 'X-Forwarded-For': '2001:db8:1:2:ffff::9' })).status).toBe(429);
      expect(lines().map((l) => l.ip)).toEqual(['203.0.113.1', '203.0.113.2', '203.0.113.1', '127.0.0.1', '2001:db8:1:2::1', '2001:db8:1:2:ffff::9']);
    });
  });

  test('a flood of distinct addresses holds a bounded number of buckets', () =>
    withEdge({ rateLimit: { perSec: 1, burst: 1 }, trustProxy: true, maxBuckets: 50 }, async ({ url, metrics }) => {
      for (let batch = 0; batch < 10; batch++) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => get(url('/api/health'), { 'X-Forwarded-For': `198.51.${batch}.${i}` })));
      }
      const m = parseExposition(await metrics()); // from yet another address: 127.0.0.1
      expect(m.get('tickflow_rate_limit_buckets')!.samples[0]!.value).toBe(50);
      expect(m.get('tickflow_http_request_duration_seconds')!.samples.find((s) => s.name.endsWith('_count'))!.value).toBe(500);
    }));

  test('RATE_LIMIT_PER_SEC=0 switches it off', () =>
    withEdge({ rateLimit: { perSec: 0, burst: 1 } }, async ({ url }) => {
      for (let i = 0; i < 5; i++) {
        const res = await get(url('/api/health'));
        expect(res.status).toBe(200);
        expect(res.headers.get('ratelimit')).toBeNull();
      }
    }));
});

describe('WebSocket upgrades', () => {
  /** Opens a socket, says hi, and resolves with the echo, or how it failed. */
  const echo = (url: string) =>
    new Promise<string>((resolve) => {
      const ws = new WebSocket(url.replace(/^http/, 'ws'));
      ws.onopen = () => ws.send('hi');
      ws.onmessage = (e) => {
        resolve(String(e.data));
        ws.close();
      };
      ws.onerror = () => resolve('refused');
    });

  test('pass through the edge, are logged as 101, and count against the rate limit', () =>
    withEdge({ rateLimit: { perSec: 1, burst: 2 } }, async ({ url, lines }) => {
      expect([await echo(url('/ws')), await echo(url('/ws')), await echo(url('/ws'))]).toEqual(['echo:hi', 'echo:hi', 'refused']);
      expect(lines().map((l) => [l.route, l.status])).toEqual([
        ['/ws', 101],
        ['/ws', 101],
        ['/ws', 429],
      ]);
    }));
});
