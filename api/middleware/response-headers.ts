import type { MiddlewareHandler } from 'hono';

const READ = ['GET', 'HEAD'];
const EVERY = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ALLOW_HEADERS = 'Content-Type,Authorization,X-API-Key,X-Request-Id';
const EXPOSE_HEADERS = 'X-Request-Id,Retry-After,RateLimit,RateLimit-Policy';

/**
 * The security headers that matter for a JSON API: nothing may be framed, sniffed, run or
 * loaded from its answers, and it is HTTPS-only once reached so. Helmet's other defaults
 * (X-XSS-Protection, X-Download-Options, X-DNS-Prefetch-Control, Origin-Agent-Cluster,
 * X-Permitted-Cross-Domain-Policies, COOP) concern HTML pages and old browsers; each header
 * costs every response about 0.4 µs, so they are left out. A route that serves a page (the
 * docs, the dashboard) sets its own Content-Security-Policy, which replaces this one.
 */
const SECURITY: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

/**
 * Security headers and CORS in one pass, set on the context before the route runs so they go
 * into the response as it is built (cheaper than rewriting its headers after, and errors get
 * them too). CORS: reading (GET, HEAD) is open to every origin: market data is public and no
 * request carries ambient credentials (keys travel in headers, never cookies), so no
 * `Allow-Credentials`. Writing is for the configured origins only, or every origin with `*`.
 * A preflight is answered here, before the rate limiter: it is cheap and touches no engine.
 */
export function responseHeaders(origins: '*' | readonly string[]): MiddlewareHandler {
  const trusted = (origin: string) => origins === '*' || origins.includes(origin);
  /** What Access-Control-Allow-Origin says to `origin` for `method`; null: nothing (the browser refuses). */
  const allowOrigin = (origin: string, method: string) => (trusted(origin) ? (origins === '*' ? '*' : origin) : READ.includes(method) ? '*' : null);

  return async function responseHeaders(c, next) {
    for (const [name, value] of SECURITY) c.header(name, value);
    // Caches must keep answers to different origins apart: the allowed origin may be echoed.
    c.header('Vary', 'Origin');
    const origin = c.req.header('origin');
    if (origin === undefined) return next(); // not a cross-origin request: CORS has nothing to say

    const asked = c.req.method === 'OPTIONS' ? c.req.header('access-control-request-method') : undefined;
    const allowed = allowOrigin(origin, (asked ?? c.req.method).toUpperCase());
    if (allowed !== null) c.header('Access-Control-Allow-Origin', allowed);
    if (asked === undefined) {
      c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      return next();
    }
    c.header('Access-Control-Allow-Methods', (trusted(origin) ? EVERY : READ).join(','));
    c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
    c.header('Access-Control-Max-Age', '600');
    return c.body(null, 204);
  };
}
