/**
 * A cache of rendered responses (JSON bodies) by key, with a time to live per entry. Both
 * implementations never throw: a cache that fails is a miss, never a failed request.
 */
export interface ResponseCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  stats(): CacheStats;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Operations the shared store failed (or skipped, being away) and the local one answered instead. */
  errors: number;
}
