import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ActorSystem } from '../engine/index.ts';
import type { InstrumentRegistry } from '../market/instruments/index.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { checkHealth } from './health.ts';
import { problem } from './problem.ts';
import { symbolView } from './symbols.ts';

export interface AppDeps {
  system: ActorSystem;
  /** Epoch ms at which the process started, for uptime. */
  startedAt: number;
  version: string;
  /** Wall time; injectable so tests can pin uptime. */
  now?: () => number;
  /** How long the health check waits for the workers before calling the engine degraded. */
  healthTimeoutMs?: number;
  log?: Logger;
  instruments: InstrumentRegistry;
}

/** The HTTP edge as a plain Hono app: no port, no process, so tests drive it with `app.request()`. */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? createLogger('info');
  const app = new Hono()
    .get('/api/health', async (c) => {
      const health = await checkHealth(deps.system, { uptimeMs: now() - deps.startedAt, version: deps.version }, deps.healthTimeoutMs);
      return c.json(health, health.status === 'ok' ? 200 : 503);
    })
    .get('/api/symbols/:symbol', (c) => symbolView(c, deps));

  app.notFound((c) => problem(c, 404, 'Not Found', `No route for ${c.req.method} ${c.req.path}`));

  app.onError((err, c) => {
    if (err instanceof HTTPException) return problem(c, err.status, err.message || 'HTTP error', err.message || `HTTP ${err.status}`);
    // The cause goes to the log, never to the client: stacks and messages may hold internals.
    log.error('unhandled error', { method: c.req.method, path: c.req.path, error: String(err), stack: err.stack });
    return problem(c, 500, 'Internal Server Error', 'The request could not be completed; the error has been logged.');
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
