import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { Hono } from 'hono';
import { ActorSystem, type Address } from '../../engine/index.ts';
import { TESTING_KINDS } from '../../engine/testing/index.ts';
import { createLogger } from '../../log/logger.ts';
import { edgeMiddleware } from '../middleware/index.ts';
import { problem } from '../problem.ts';
import { parseExposition, type ParsedFamily } from './parse.ts';
import { Registry } from './registry.ts';
import { metricsRoute, type MetricsRouteDeps } from './route.ts';

let system: ActorSystem;
const counters: Address[] = [];

beforeAll(async () => {
  system = await ActorSystem.start({ workers: 2, behaviours: [TESTING_KINDS] });
  for (let i = 0; i < 5; i++) counters.push(system.spawn('counter', `c${i}`));
  system.spawn('sink', 's0');
  await system.settle();
  system.tell(counters[0]!, { type: 'fail' }); // a dead letter and a restart
  await system.settle();
});
afterAll(async () => {
  await system.shutdown();
});

const logged: string[] = [];
const log = createLogger('debug', (l) => logged.push(l));
const EDGE = { rateLimit: { perSec: 1000, burst: 1000 }, corsOrigins: [] as string[], bodyLimitBytes: 1024, trustProxy: false };

/** A small app with the edge in front and /metrics, served by a real Bun.serve on a free port. */
function serve(deps: Partial<MetricsRouteDeps> = {}) {
  const registry = new Registry();
  const app = new Hono();
  app.use(...edgeMiddleware({ log, metrics: registry }, EDGE));
  app.get('/api/things/:id', (c) => c.json({ id: c.req.param('id') }));
  app.get('/metrics', metricsRoute({ registry, system, log, ...deps }));
  app.notFound((c) => problem(c, 404, 'Not Found', `No route for ${c.req.method} ${c.req.path}`));
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch });
  return { url: (path: string) => new URL(path, server.url).href, stop: () => server.stop(true) };
}

async function scrape(url: string): Promise<{ res: Response; families: Map<string, ParsedFamily> }> {
  const res = await fetch(url);
  return { res, families: parseExposition(await res.text()) };
}

const value = (families: Map<string, ParsedFamily>, name: string, labels: Record<string, string> = {}) =>
  families.get(name.replace(/_(bucket|sum|count)$/, ''))?.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe('GET /metrics', () => {
  test('serves the text format with request latency by route pattern, the engine, and every accessor', async () => {
    const s = serve({
      wsStats: () => ({ connections: 3, messagesReceived: 10, messagesSent: 250, subscriptions: 7 }),
      feedLag: () => ({ replay: 0.25, 'bin"ance': 12 }),
      cacheStats: () => ({ candles: { hits: 90, misses: 10 } }),
    });
    try {
      for (const id of ['a', 'b', 'c']) expect((await fetch(s.url(`/api/things/${id}`))).status).toBe(200);
      expect((await fetch(s.url('/nowhere/1'))).status).toBe(404);
      expect((await fetch(s.url('/nowhere/2'), { method: 'PROPFIND' })).status).toBe(404);

      const { res, families } = await scrape(s.url('/metrics'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');

      // The route pattern, never the raw path; unknown routes and verbs fold into one series each.
      const http = families.get('tickflow_http_request_duration_seconds')!;
      expect(http.type).toBe('histogram');
      expect(new Set(http.samples.map((x) => x.labels.route))).toEqual(new Set(['/api/things/:id', '(unmatched)']));
      expect(value(families, 'tickflow_http_request_duration_seconds_count', { route: '/api/things/:id', method: 'GET', status: '2xx' })).toBe(3);
      expect(value(families, 'tickflow_http_request_duration_seconds_count', { route: '(unmatched)', method: 'GET', status: '4xx' })).toBe(1);
      expect(value(families, 'tickflow_http_request_duration_seconds_count', { route: '(unmatched)', method: 'OTHER', status: '4xx' })).toBe(1);
      expect(value(families, 'tickflow_http_requests_in_flight')).toBe(1); // the scrape itself

      // The engine: actors per kind, mailboxes, restarts, workers, totals.
      expect(value(families, 'tickflow_engine_introspection_up')).toBe(1);
      expect(value(families, 'tickflow_actors', { kind: 'counter', status: 'running' })).toBe(5);
      expect(value(families, 'tickflow_actors', { kind: 'sink', status: 'running' })).toBe(1);
      expect(value(families, 'tickflow_actor_mailbox_depth', { kind: 'counter' })).toBe(0);
      expect(value(families, 'tickflow_actor_mailbox_depth_max', { kind: 'counter' })).toBe(0);
      expect(value(families, 'tickflow_actor_restarts', { kind: 'counter' })).toBe(1);
      expect(families.get('tickflow_worker_up')!.samples.map((x) => [x.labels.worker, x.value])).toEqual([
        ['0', 1],
        ['1', 1],
      ]);
      expect(value(families, 'tickflow_dead_letters_total')).toBe(system.totals().deadLetters);
      expect(value(families, 'tickflow_dead_letters_total')).toBeGreaterThanOrEqual(1);
      expect(value(families, 'tickflow_messages_processed_total')).toBe(system.totals().processed);
      expect(families.get('tickflow_messages_processed_total')!.type).toBe('counter');

      // The accessors, label values escaped and read back intact.
      expect(value(families, 'tickflow_ws_connections')).toBe(3);
      expect(value(families, 'tickflow_ws_messages_sent_total')).toBe(250);
      expect(value(families, 'tickflow_ws_messages_dropped_total')).toBe(0);
      expect(value(families, 'tickflow_feed_lag_seconds', { feed: 'bin"ance' })).toBe(12);
      expect(value(families, 'tickflow_cache_hits_total', { cache: 'candles' })).toBe(90);
      expect(value(families, 'tickflow_cache_misses_total', { cache: 'candles' })).toBe(10);
      expect(value(families, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      await s.stop();
    }
  });

  test('a hung engine leaves its actor figures out after the timeout; the totals still answer', async () => {
    const hung = { introspect: () => new Promise<never>(() => {}), totals: () => system.totals() };
    const s = serve({ system: hung, introspectTimeoutMs: 50 });
    try {
      const started = performance.now();
      const { res, families } = await scrape(s.url('/metrics'));
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(value(families, 'tickflow_engine_introspection_up')).toBe(0);
      expect(families.get('tickflow_actors')!.samples).toEqual([]);
      expect(value(families, 'tickflow_messages_processed_total')).toBe(system.totals().processed);
      expect(logged.some((l) => l.includes('metrics source failed') && l.includes('no answer within 50 ms'))).toBe(true);
    } finally {
      await s.stop();
    }
  });

  test('an accessor that throws is counted and left out; the scrape still answers', async () => {
    let broken = true;
    const s = serve({
      wsStats: () => {
        if (broken) throw new Error('hub gone');
        return { connections: 1, messagesReceived: 0, messagesSent: 0 };
      },
      feedLag: () => ({ replay: 1 }),
    });
    try {
      const first = (await scrape(s.url('/metrics'))).families;
      expect(value(first, 'tickflow_metrics_source_errors_total', { source: 'ws' })).toBe(1);
      expect(first.get('tickflow_ws_connections')!.samples).toEqual([]); // absent, not a made-up 0
      expect(value(first, 'tickflow_feed_lag_seconds', { feed: 'replay' })).toBe(1);
      broken = false;
      const second = (await scrape(s.url('/metrics'))).families;
      expect(value(second, 'tickflow_ws_connections')).toBe(1);
    } finally {
      await s.stop();
    }
  });

  test('scrapes that arrive together share one introspection', async () => {
    let calls = 0;
    const counted = {
      introspect: async () => {
        calls++;
        await Bun.sleep(30);
        return system.introspect();
      },
      totals: () => system.totals(),
    };
    const s = serve({ system: counted });
    try {
      const all = await Promise.all(Array.from({ length: 5 }, () => fetch(s.url('/metrics'))));
      expect(all.every((r) => r.status === 200)).toBe(true);
      expect(calls).toBe(1);
    } finally {
      await s.stop();
    }
  });
});
