import { refilledTokens } from '../../market/risk/token-bucket.ts';

export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSec: number;
  /** Bucket size: how many requests may come at once after a quiet spell. */
  burst: number;
  /** Most buckets held at once; past it the least recently seen is dropped. */
  maxBuckets: number;
  /** Monotonic milliseconds. */
  now: () => number;
}

export interface Take {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until one token is there again (0 when one is). */
  retryAfterSec: number;
  /** Seconds until the bucket is full again. */
  fullInSec: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets by key, bounded in memory. The map is kept in least-recently-seen order, so
 * eviction looks only at its front: a bucket idle long enough to have refilled is the same as a
 * fresh one and is dropped for free; past `maxBuckets` the least recently seen goes even if not
 * full (a flood of new addresses costs a bounded map, at worst a returning client a fresh bucket).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillMs: number;

  constructor(private readonly o: TokenBucketOptions) {
    if (!(o.ratePerSec > 0) || !(o.burst >= 1) || !(o.maxBuckets >= 1)) throw new Error(`token buckets need ratePerSec > 0, burst >= 1, maxBuckets >= 1, got ${JSON.stringify({ ...o, now: undefined })}`);
    this.refillMs = (o.burst / o.ratePerSec) * 1000;
  }

  get size(): number {
    return this.buckets.size;
  }

  take(key: string): Take {
    const now = this.o.now();
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key); // re-inserted below: the map's order is least recently seen first
      b.tokens = refilledTokens(b.tokens, now - b.at, this.o.burst, this.o.ratePerSec);
      b.at = now;
    } else {
      b = { tokens: this.o.burst, at: now };
    }
    this.evict(now);
    this.buckets.set(key, b);
    const allowed = b.tokens >= 1;
    if (allowed) b.tokens -= 1;
    return {
      allowed,
      remaining: Math.floor(b.tokens),
      retryAfterSec: allowed ? 0 : Math.ceil((1 - b.tokens) / this.o.ratePerSec),
      fullInSec: Math.ceil((this.o.burst - b.tokens) / this.o.ratePerSec),
    };
  }

  private evict(now: number): void {
    for (const [key, b] of this.buckets) {
      const idle = now - b.at >= this.refillMs;
      if (!idle && this.buckets.size < this.o.maxBuckets) return;
      this.buckets.delete(key);
    }
  }
}
