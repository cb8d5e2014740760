import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

const READ = ['GET', 'HEAD'];
const EVERY = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * CORS for the edge. Reading (GET, HEAD) is open to every origin: market data is public and no
 * request carries ambient credentials (keys travel in headers, never cookies), so no
 * `Allow-Credentials`. Writing is for the configured origins only, or every origin with `*`.
 * A preflight is answered here, before the rate limiter: it is cheap and touches no engine.
 */
export function edgeCors(origins: '*' | readonly string[]): MiddlewareHandler {
  const trusted = (origin: string) => origins === '*' || origins.includes(origin);
  return cors({
    origin: (origin, c) => {
      if (trusted(origin)) return origins === '*' ? '*' : origin;
      // A preflight asks for the method to come; an actual request is its own method.
      const method = c.req.method === 'OPTIONS' ? (c.req.header('access-control-request-method') ?? '').toUpperCase() : c.req.method;
      return READ.includes(method) ? '*' : null;
    },
    allowMethods: (origin) => (trusted(origin) ? EVERY : READ),
    allowHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
}
