import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../../log/logger.ts';

export interface RedisClientOptions {
  /** What the connection is for, in logs: `bridge`, `feed`, `cache`. */
  role: string;
  /** A command not answered within this many ms fails (and the caller falls back). Unset: no limit. */
  commandTimeoutMs?: number;
  /** Longest wait between reconnection attempts; they start at 50 ms and double. */
  maxReconnectDelayMs?: number;
  log?: Logger;
  /** Anything else ioredis takes, for tests; wins over the defaults above. */
  extra?: RedisOptions;
}

/**
 * A connection for the edge's uses of Redis, all of which must survive its absence: nothing is
 * queued while it is away (a command fails at once, so callers drop or fall back instead of
 * waiting or growing a queue), a command caught by a disconnection fails instead of being
 * re-sent, and it reconnects forever. Subscriptions are re-made by their owner (redis-topic-feed),
 * not by ioredis, which only re-makes those that had succeeded before.
 */
export function redisClient(url: string, options: RedisClientOptions): Redis {
  const maxDelay = options.maxReconnectDelayMs ?? 2_000;
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    autoResubscribe: false,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), maxDelay),
    connectionName: `tickflow-${options.role}`,
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeout: options.commandTimeoutMs }),
    ...options.extra,
  });
  reportConnection(redis, options.role, options.log);
  return redis;
}

/**
 * Logs an outage once and the recovery once, instead of one line per reconnection attempt. Also
 * the 'error' listener every client needs: without one ioredis prints each failed attempt.
 */
export function reportConnection(redis: Redis, role: string, log?: Logger): void {
  let down = false;
  redis.on('error', (e: Error) => {
    if (down) return;
    down = true;
    log?.warn('redis unavailable', { role, error: e.message });
  });
  // Scheduled only after a connection ended unasked for (never after quit()).
  redis.on('reconnecting', () => {
    if (down) return;
    down = true;
    log?.warn('redis connection lost', { role });
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log?.info('redis reconnected', { role });
  });
}

/** Closes a connection without waiting on a server that may be gone. */
export async function closeClient(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}
