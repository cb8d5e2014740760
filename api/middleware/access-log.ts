import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from '../../log/logger.ts';
import type { HttpMetrics } from '../metrics/http.ts';
import type { EdgeEnv } from './variables.ts';

/** The route label of a request that no route answered (404s): one series, whatever the path. */
export const UNMATCHED = '(unmatched)';

/**
 * The route pattern that answered: the last matched route that is not a wildcard middleware
 * (`app.use('*', ...)`). Registered patterns only, so logs group by it and metrics stay bounded.
 */
export function routeOf(c: Context): string {
  let routes: ReturnType<typeof matchedRoutes>;
  try {
    routes = matchedRoutes(c);
  } catch {
    return UNMATCHED; // a context Hono did not route (a second copy of hono): a log line, not a failed request
  }
  for (let i = routes.length - 1; i >= 0; i--) {
    const r = routes[i]!;
    if (!(r.method === 'ALL' && r.path.endsWith('*'))) return r.path;
  }
  return UNMATCHED;
}

/**
 * A WebSocket upgrade that went through: Bun has taken the socket and ignores the placeholder
 * 200 the handler returns (Hono's helpers do so), so the log says what the client saw.
 */
const upgraded = (c: Context) => c.res.status === 200 && c.res.body === null && c.req.header('upgrade')?.toLowerCase() === 'websocket';

export interface AccessLogOptions {
  log: Logger;
  http?: HttpMetrics;
  /** Monotonic milliseconds. */
  clock: () => number;
  /** Route patterns polled by machines (health checks, scrapers): logged at debug, not info. */
  quietRoutes: ReadonlySet<string>;
}

/**
 * One JSON line per request, and the latency histogram: the one place a request is measured.
 * The path is logged without its query string (it may carry tokens). 5xx answers are warnings.
 * Latency runs to the response headers; a streamed body may go on after it.
 */
export function accessLog(o: AccessLogOptions): MiddlewareHandler<EdgeEnv> {
  return async function accessLog(c, next) {
    const start = o.clock();
    o.http?.started();
    let status = 500; // what a throw that escapes the error handler becomes
    try {
      await next();
      status = upgraded(c) ? 101 : c.res.status;
    } finally {
      const ms = o.clock() - start;
      const route = routeOf(c);
      o.http?.finished({ method: c.req.method, route, status, seconds: ms / 1000 });
      const level = status >= 500 ? 'warn' : o.quietRoutes.has(route) ? 'debug' : 'info';
      if (!o.log.enabled(level)) return;
      const client = c.var.client as EdgeEnv['Variables']['client'] | undefined;
      o.log[level]('request', {
        method: c.req.method,
        path: c.req.path,
        route,
        status,
        latencyMs: Math.round(ms * 100) / 100,
        requestId: c.var.requestId,
        ip: client?.ip,
        keyId: client?.keyId,
      });
    }
  };
}
