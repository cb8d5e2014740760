/**
 * A token bucket for order submissions: `capacity` orders in a burst, refilled at
 * `refillPerSecond`. Its state is two numbers, and time is passed in, so an account snapshots it
 * and a replay limits exactly as the live run did.
 */
export interface TokenBucketConfig {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export interface TokenBucket {
  readonly tokens: number;
  /** Epoch ms of the last refill. */
  readonly updatedAt: number;
}

/**
 * Tokens after `elapsedMs` at `perSecond`, never past `capacity`. A negative elapsed time (a
 * clock step back) refills nothing: a bucket never mints tokens from a clock. The one refill
 * rule for every token bucket here: orders per account, and the edge's requests per client.
 */
export const refilledTokens = (tokens: number, elapsedMs: number, capacity: number, perSecond: number): number =>
  Math.min(capacity, tokens + (Math.max(0, elapsedMs) / 1_000) * perSecond);

export const fullBucket = (config: TokenBucketConfig, at: number): TokenBucket => ({ tokens: config.capacity, updatedAt: at });

export type TakeResult = { readonly ok: true; readonly bucket: TokenBucket } | { readonly ok: false; readonly bucket: TokenBucket; readonly retryAfterMs: number };

/**
 * Takes one token at `at`, refilling first. A time before the last refill refills nothing
 * (the bucket never runs backwards, and never mints tokens from a clock step).
 */
export function takeToken(bucket: TokenBucket, config: TokenBucketConfig, at: number): TakeResult {
  if (!(config.capacity >= 1) || !(config.refillPerSecond > 0)) throw new RangeError(`Invalid token bucket: capacity ${config.capacity}, refill ${config.refillPerSecond}/s`);
  const tokens = refilledTokens(bucket.tokens, at - bucket.updatedAt, config.capacity, config.refillPerSecond);
  const refilled: TokenBucket = { tokens, updatedAt: Math.max(at, bucket.updatedAt) };
  if (tokens >= 1) return { ok: true, bucket: { ...refilled, tokens: tokens - 1 } };
  return { ok: false, bucket: refilled, retryAfterMs: Math.ceil(((1 - tokens) / config.refillPerSecond) * 1_000) };
}
