import type { MiddlewareHandler } from 'hono';
import type { Counter } from '../metrics/registry.ts';
import { problem } from '../problem.ts';
import type { EdgeEnv } from './variables.ts';
import type { TokenBuckets } from './token-buckets.ts';

/** The policy's name in the RateLimit fields. */
const POLICY = 'edge';

/**
 * A token bucket per client (`c.var.client.bucket`: key holder, else address). Every answer says
 * where the client stands in the RateLimit and RateLimit-Policy fields
 * (draft-ietf-httpapi-ratelimit-headers): `q` the burst, `w` the seconds to refill it, `r` the
 * whole requests left, `t` the seconds until the bucket is full. A refusal is a 429 problem with
 * Retry-After in whole seconds, rounded up, so a client that waits that long gets through.
 */
export function rateLimit(buckets: TokenBuckets, o: { ratePerSec: number; burst: number; limited?: Counter<'by'> }): MiddlewareHandler<EdgeEnv> {
  const policy = `"${POLICY}";q=${o.burst};w=${Math.ceil(o.burst / o.ratePerSec)}`;
  return async function rateLimit(c, next) {
    const client = c.var.client;
    const take = buckets.take(client.bucket);
    c.header('RateLimit-Policy', policy);
    c.header('RateLimit', `"${POLICY}";r=${take.remaining};t=${take.fullInSec}`);
    if (take.allowed) return next();
    o.limited?.inc({ by: client.keyId === undefined ? 'ip' : 'key' });
    c.header('Retry-After', String(take.retryAfterSec));
    const who = client.keyId === undefined ? `address ${client.ip}` : `API key ${client.keyId}`;
    return problem(c, 429, 'Too Many Requests', `Rate limit for ${who}: ${o.burst} requests at once, ${o.ratePerSec} per second after that. Retry after ${take.retryAfterSec} s.`);
  };
}
