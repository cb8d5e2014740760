import type { Context, MiddlewareHandler } from 'hono';
import type { ResponseCache } from './response-cache.ts';

export interface CacheResponsesOptions {
  /** How long a response is served from the cache. */
  ttlMs: number;
  /** Which paths are cached (all GETs when unset). */
  match?: RegExp | ((path: string, c: Context) => boolean);
}

/** The key of a request: method, path and the query sorted, so `?b=2&a=1` and `?a=1&b=2` share an entry. */
export function cacheKey(method: string, url: string): string {
  // Cut by hand rather than with URL: this runs on every cached request.
  const q = url.indexOf('?');
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  const path = q < 0 ? url.slice(pathStart) : url.slice(pathStart, q);
  if (q < 0 || q === url.length - 1) return `${method} ${path}`;
  const query = url.slice(q + 1);
  return `${method} ${path}?${query.includes('&') ? sortByName(query) : query}`;
}

const nameOf = (pair: string) => (pair.includes('=') ? pair.slice(0, pair.indexOf('=')) : pair);
/** As URLSearchParams.sort: by name, stably, so repeated names keep their order. */
const sortByName = (query: string) =>
  query
    .split('&')
    .filter((p) => p !== '')
    .sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0))
    .join('&');

/**
 * Serves GETs from `cache` when it has them (`X-Cache: hit`) and caches the 200 JSON answers of
 * the others (`X-Cache: miss`). Never for a request that carries credentials, nor a response
 * that says `no-store` or `private`. Writing to the cache does not hold the response back.
 */
export function cacheResponses(cache: ResponseCache, options: CacheResponsesOptions): MiddlewareHandler {
  const { ttlMs, match } = options;
  const matches = (c: Context) => (match === undefined ? true : match instanceof RegExp ? match.test(c.req.path) : match(c.req.path, c));

  return async function cacheResponses(c, next) {
    if (c.req.method !== 'GET' || c.req.header('authorization') !== undefined || !matches(c)) return next();
    const key = cacheKey(c.req.method, c.req.url);
    const cached = await cache.get(key).catch(() => undefined);
    if (cached !== undefined) return c.body(cached, 200, { 'Content-Type': 'application/json', 'X-Cache': 'hit' });

    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    const control = res.headers.get('cache-control') ?? '';
    if (res.status === 200 && /^application\/json\b/i.test(type) && !/\b(no-store|private)\b/i.test(control)) {
      const body = await res.clone().text();
      void cache.set(key, body, ttlMs).catch(() => undefined);
    }
    c.header('X-Cache', 'miss');
  };
}
