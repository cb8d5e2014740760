import type { Market } from '../actors/market.ts';
import type { EngineHandle } from '../engine/index.ts';
import type { Logger } from '../log/logger.ts';
import type { InstrumentRegistry } from '../market/instruments/index.ts';
import type { TopicFeed } from './bus/topic-feed.ts';

/** Everything the edge reads from: built once at the composition root (main.ts), or by a test. */
export interface EdgeDeps {
  system: EngineHandle;
  instruments: InstrumentRegistry;
  /** Where the engine's topics are heard (the system itself, or Redis in an edge of its own). */
  topics: TopicFeed;
  /** The market's actors: feeds, store, class summaries (addresses). */
  market?: Market;
  /** The SQLite file candle history is read from (read-only, WAL: never blocks the engine). */
  db?: string;
  /** Epoch ms at which the process started, for uptime. */
  startedAt: number;
  version: string;
  /** Wall time; injectable so tests can pin uptime. */
  now?: () => number;
  /** How long the health check waits for the workers before calling the engine degraded. */
  healthTimeoutMs?: number;
  log?: Logger;
  /** The Redis connection's state, when REDIS_URL is set: /api/health reports it. */
  redisStatus?: () => string;
  /** The admin API key; admin routes answer 401 without it, 404 when none is configured. */
  adminKey?: string;
}
