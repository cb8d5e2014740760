import type { MiddlewareHandler } from 'hono';
import type { EdgeConfig } from '../../config/edge-env.ts';
import type { Logger } from '../../log/logger.ts';
import { httpMetrics } from '../metrics/http.ts';
import type { Registry } from '../metrics/registry.ts';
import { accessLog } from './access-log.ts';
import { edgeBodyLimit } from './body-limit.ts';
import { rateLimit } from './rate-limit.ts';
import { requestContext } from './request-context.ts';
import { responseHeaders } from './response-headers.ts';
import { TokenBuckets } from './token-buckets.ts';
import type { EdgeEnv } from './variables.ts';

export interface EdgeMiddlewareDeps {
  log: Logger;
  /** Where request latency, rate-limit refusals and the bucket count are recorded; none: not recorded. */
  metrics?: Registry;
  /** Resolves a presented API key to its holder (api-keys.ts `apiKeyResolver`); none: every client is its address. */
  keyId?: (presented: string) => string | undefined;
  /** Monotonic milliseconds, for latency and token refill; `performance.now` unless a test pins it. */
  clock?: () => number;
}

export interface EdgeTuning {
  /** Most rate-limit buckets held at once (default 10,000: well under a megabyte). */
  maxBuckets?: number;
  /** Route patterns logged at debug rather than info (default: the health check and the scrape). */
  quietRoutes?: readonly string[];
}

/**
 * The production edge, in the order a request meets it: request id (echoed, so every answer
 * below carries it), client identity, access log and latency, secure headers, CORS, rate limit,
 * body limit. Mount before any route: `app.use(...edgeMiddleware(deps, config))`.
 */
export function edgeMiddleware(deps: EdgeMiddlewareDeps, config: EdgeConfig & EdgeTuning): MiddlewareHandler<EdgeEnv>[] {
  const clock = deps.clock ?? (() => performance.now());
  const chain: MiddlewareHandler<EdgeEnv>[] = [
    requestContext({ trustProxy: config.trustProxy, keyId: deps.keyId }),
    accessLog({ log: deps.log, http: deps.metrics && httpMetrics(deps.metrics), clock, quietRoutes: new Set(config.quietRoutes ?? ['/api/health', '/metrics']) }),
    responseHeaders(config.corsOrigins),
  ];
  const { perSec, burst } = config.rateLimit;
  if (perSec > 0) {
    const buckets = new TokenBuckets({ ratePerSec: perSec, burst, maxBuckets: config.maxBuckets ?? 10_000, now: clock });
    const limited = deps.metrics?.counter({ name: 'tickflow_rate_limited_total', help: 'Requests refused with 429, by what the bucket was keyed on.', labels: ['by'] });
    const held = deps.metrics?.gauge({ name: 'tickflow_rate_limit_buckets', help: 'Rate-limit buckets held in memory.' });
    deps.metrics?.beforeCollect(() => held?.set({}, buckets.size));
    chain.push(rateLimit(buckets, { ratePerSec: perSec, burst, limited }));
  }
  chain.push(edgeBodyLimit(config.bodyLimitBytes));
  return chain;
}

export { apiKeyResolver, hashApiKey, hashSecret, presentedApiKey, verifyApiKey, verifySecret, type StoredApiKey } from './api-keys.ts';
export { routeOf, UNMATCHED } from './access-log.ts';
export type { Client } from './client.ts';
export type { EdgeEnv } from './variables.ts';
export { TokenBuckets } from './token-buckets.ts';
