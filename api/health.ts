import { Database } from 'bun:sqlite';
import { z } from '@hono/zod-openapi';
import type { EngineHandle, Introspection } from '../engine/index.ts';
import type { TopicFeed } from './bus/topic-feed.ts';
import { within } from './within.ts';

const WorkerHealthSchema = z.object({ index: z.number().int(), alive: z.boolean(), deaths: z.number().int(), actors: z.number().int(), backlog: z.number().int() });

const TotalsSchema = z.object({
  workers: z.number().int(),
  posted: z.number(),
  inbound: z.number(),
  local: z.number(),
  processed: z.number(),
  dropped: z.number(),
  deadLetters: z.number(),
  queued: z.number(),
  workerDeaths: z.number(),
});

const FeedStatusSchema = z
  .object({
    name: z.string().openapi({ example: 'binance' }),
    state: z.string().openapi({ example: 'open', description: "The feed's last word: binance connecting/open/backoff/closed; polled feeds idle/polling/waiting/backing-off/rejected/missing-api-key" }),
    heardAt: z.number().openapi({ description: 'When it was said, epoch ms' }),
    detail: z.record(z.string(), z.unknown()).openapi({ description: 'The rest of what it said (reconnects, failing members, last error)' }),
  })
  .openapi('FeedStatus');
export type FeedStatus = z.infer<typeof FeedStatusSchema>;

const SqliteHealthSchema = z.object({
  status: z.enum(['ok', 'failing', 'not-configured']),
  path: z.string().optional(),
  /** Schema version read back, when ok; the error, when failing. */
  schemaVersion: z.number().int().optional(),
  error: z.string().optional(),
});
export type SqliteHealth = z.infer<typeof SqliteHealthSchema>;

const RedisHealthSchema = z.object({
  status: z.enum(['ok', 'unavailable', 'not-configured']),
  /** ioredis's connection state, when not ok (`connecting`, `reconnecting`, ...). */
  connection: z.string().optional(),
});

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    uptimeMs: z.number(),
    version: z.string(),
    engine: z.object({ workers: z.array(WorkerHealthSchema), totals: TotalsSchema }),
    feeds: z.array(FeedStatusSchema).openapi({ description: 'The last state each feed said on feed.*, since the edge started listening' }),
    sqlite: SqliteHealthSchema,
    redis: RedisHealthSchema,
    degraded: z.array(z.string()).optional().openapi({ description: 'Present when degraded (503): what is wrong, one line each' }),
    warnings: z.array(z.string()).optional().openapi({ description: 'Trouble outside the process (a venue unreachable): reported, not degrading' }),
  })
  .openapi('Health');
export type Health = z.infer<typeof HealthSchema>;
export type WorkerHealth = z.infer<typeof WorkerHealthSchema>;

/** States in which a feed is not getting data: a venue down, a key missing or refused. */
const FEED_TROUBLE: ReadonlySet<string> = new Set(['backoff', 'closed', 'backing-off', 'rejected', 'missing-api-key']);

export interface FeedWatch {
  feeds(): FeedStatus[];
  stop(): void;
}

/** Keeps the last thing each feed said on `feed.*` (`{ type: 'feed', name, state, ... }`). */
export function watchFeeds(topics: TopicFeed, now: () => number): FeedWatch {
  const last = new Map<string, FeedStatus>();
  const stop = topics.listen('feed.*', (msg, topic) => {
    const { type: _t, name, state, ...detail } = (msg ?? {}) as Record<string, unknown>;
    const feed = typeof name === 'string' ? name : topic.slice('feed.'.length);
    last.set(feed, { name: feed, state: typeof state === 'string' ? state : 'unknown', heardAt: now(), detail });
  });
  return { feeds: () => [...last.values()].sort((a, b) => (a.name < b.name ? -1 : 1)), stop };
}

/**
 * Feed lag as an operator reads it: seconds since market data of each asset class last reached
 * the edge (the symbols' `stats.<class>.*`, once per closed candle), in wall time, so a replay of
 * 2021 that is flowing shows a small lag and a stalled live feed a growing one.
 */
export function watchDataLag(topics: TopicFeed, now: () => number): { lag: () => Record<string, number>; stop: () => void } {
  const heard = new Map<string, number>();
  const stop = topics.listen('stats.*.*', (_msg, topic) => heard.set(topic.slice(6, topic.indexOf('.', 6)), now()));
  return { lag: () => Object.fromEntries([...heard].map(([assetClass, at]) => [assetClass, (now() - at) / 1000])), stop };
}

/** Whether the SQLite file can be opened and queried now: a fresh read-only connection each time. */
export function checkSqlite(path: string | undefined): SqliteHealth {
  if (path === undefined) return { status: 'not-configured' };
  let db: Database | undefined;
  try {
    db = new Database(path, { readonly: true });
    const row = db.query<{ v: number | null }, []>('SELECT max(version) AS v FROM schema_version').get();
    return { status: 'ok', path, schemaVersion: row?.v ?? 0 };
  } catch (e) {
    return { status: 'failing', path, error: e instanceof Error ? e.message : String(e) };
  } finally {
    db?.close();
  }
}

export interface HealthSources {
  /** The last state of each feed (none: no feed is watched). */
  feeds?: () => FeedStatus[];
  /** The SQLite file (none: not configured). */
  db?: string;
  /** The Redis connection's state (none: not configured). */
  redisStatus?: () => string;
}

/**
 * The process's health: degraded (503) when the engine cannot be introspected, a worker is down,
 * or the SQLite file cannot be read. A feed in trouble is a warning, not degradation: a venue
 * out of reach is not the process's fault, and an orchestrator restarting it would not help.
 */
export async function checkHealth(
  system: EngineHandle,
  base: { uptimeMs: number; version: string },
  timeoutMs = 1000,
  sources: HealthSources = {},
): Promise<Health> {
  const feeds = sources.feeds?.() ?? [];
  const sqlite = checkSqlite(sources.db);
  const degraded: string[] = sqlite.status === 'failing' ? [`sqlite ${sqlite.path} cannot be read: ${sqlite.error}`] : [];
  const warnings = feeds.filter((f) => FEED_TROUBLE.has(f.state)).map((f) => `feed ${f.name} is ${f.state}`);
  const connection = sources.redisStatus?.();
  const redis = connection === undefined ? { status: 'not-configured' as const } : connection === 'ready' ? { status: 'ok' as const } : { status: 'unavailable' as const, connection };
  // Without Redis the process serves from its own state (an engine keeps running; an edge keeps
  // its clients): a warning, like a venue out of reach.
  if (redis.status === 'unavailable') warnings.push(`redis is ${connection}`);
  let engine: Health['engine'];
  try {
    const view: Introspection = await within(system.introspect(), timeoutMs);
    const workers = view.workers.map((w) => ({ index: w.index, alive: w.alive, deaths: w.deaths, actors: w.actors.length, backlog: w.backlog }));
    degraded.unshift(...workers.filter((w) => !w.alive).map((w) => `worker ${w.index} is not alive (deaths: ${w.deaths})`));
    engine = { workers, totals: view.totals };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    // Totals are read from shared counters without asking the workers, so they still answer.
    engine = { workers: [], totals: system.totals() };
    degraded.unshift(`engine introspection failed: ${why}`);
  }
  return {
    status: degraded.length > 0 ? 'degraded' : 'ok',
    ...base,
    engine,
    feeds,
    sqlite,
    redis,
    ...(degraded.length > 0 ? { degraded } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
