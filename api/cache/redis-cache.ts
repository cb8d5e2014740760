import type { Redis } from 'ioredis';
import type { Logger } from '../../log/logger.ts';
import { closeClient, redisClient } from '../bus/redis-client.ts';
import { redisNames } from '../bus/redis-names.ts';
import { memoryCache } from './memory-cache.ts';
import type { CacheStats, ResponseCache } from './response-cache.ts';

export interface RedisCacheOptions {
  /** See api/bus/redis-names.ts. */
  namespace?: string;
  /** Answers while Redis is away, and keeps a copy of everything set meanwhile. Default: memoryCache(). */
  fallback?: ResponseCache;
  /** A command slower than this counts as a failure (given a URL; a given client keeps its own). */
  commandTimeoutMs?: number;
  /** After a failure, Redis is left alone this long, so a hung server costs one timeout, not one per request. */
  retryAfterMs?: number;
  now?: () => number;
  log?: Logger;
}

/**
 * The cache shared by every edge process: entries live in Redis (`tickflow:cache:<key>`, with a
 * PX expiry), and each process also keeps a copy of what it sets in its fallback. When Redis is
 * away, errs, or is slower than the command timeout, the fallback answers: a request never fails
 * and never waits on a dead Redis.
 */
export function redisCache(redis: Redis | string, options: RedisCacheOptions = {}): ResponseCache & { redisStatus(): string; close(): Promise<void> } {
  const prefix = redisNames(options.namespace).cachePrefix;
  const fallback = options.fallback ?? memoryCache();
  const retryAfterMs = options.retryAfterMs ?? 1_000;
  const now = options.now ?? Date.now;
  const owned = typeof redis === 'string';
  const client = typeof redis === 'string' ? redisClient(redis, { role: 'cache', commandTimeoutMs: options.commandTimeoutMs ?? 50, log: options.log }) : redis;
  const stats: CacheStats = { hits: 0, misses: 0, errors: 0 };
  let skipUntil = 0;

  const usable = () => client.status === 'ready' && now() >= skipUntil;
  const failed = () => {
    stats.errors++;
    skipUntil = now() + retryAfterMs;
  };
  // Reconnected: no reason to wait out the rest of a pause taken while it was away.
  client.on('ready', () => void (skipUntil = 0));

  const local = async (key: string) => {
    const v = await fallback.get(key);
    if (v === undefined) stats.misses++;
    else stats.hits++;
    return v;
  };

  return {
    async get(key) {
      if (!usable()) {
        stats.errors++;
        return local(key);
      }
      try {
        const v = await client.get(prefix + key);
        if (v !== null) {
          stats.hits++;
          return v;
        }
      } catch {
        failed();
      }
      // Also on a plain miss: a Redis restarted empty still has this process's copy behind it.
      return local(key);
    },
    async set(key, value, ttlMs) {
      await fallback.set(key, value, ttlMs);
      if (ttlMs <= 0) return;
      if (!usable()) {
        stats.errors++;
        return;
      }
      try {
        await client.set(prefix + key, value, 'PX', Math.ceil(ttlMs));
      } catch {
        failed();
      }
    },
    stats: () => ({ ...stats }),
    /** ioredis's word for the connection: `ready` when usable, else `connecting`, `reconnecting`... */
    redisStatus: () => client.status,
    close: async () => {
      if (owned) await closeClient(client);
    },
  };
}
