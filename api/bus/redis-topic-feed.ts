import type { Redis } from 'ioredis';
import { topicMatches, topicPattern, type Topic, type TopicPattern } from '../../engine/names.ts';
import type { Logger } from '../../log/logger.ts';
import { closeClient, redisClient, reportConnection } from './redis-client.ts';
import { redisNames } from './redis-names.ts';
import type { TopicFeed } from './topic-feed.ts';

export interface RedisTopicFeedOptions {
  /** See redis-names.ts; the bridge's. */
  namespace?: string;
  /** Last-value reads slower than this fall back to what this process has heard. */
  commandTimeoutMs?: number;
  /** Topics whose last heard message is held here; past it the one heard of longest ago is forgotten. */
  maxTopics?: number;
  maxReconnectDelayMs?: number;
  log?: Logger;
}

export interface RedisTopicFeedStats {
  /** Messages heard on a subscribed pattern (each once per Redis pattern it matched). */
  received: number;
  /** Messages on our channels that were not JSON (or not a topic): dropped. */
  malformed: number;
  /** Last values delivered after a reconnection because they changed while Redis was away. */
  resynced: number;
  connected: boolean;
  /** Redis patterns subscribed to. */
  patterns: number;
}

export interface RedisTopicFeed extends TopicFeed {
  /**
   * Whether Redis has acknowledged every pattern listened to (false while it is away): read a
   * snapshot after this, not before, and no message falls between the snapshot and the stream.
   */
  subscribed(): Promise<boolean>;
  /** The newest message on `topic`: Redis's last value, or, while Redis is away, the last this process heard. */
  lastValue(topic: string): Promise<unknown>;
  /** Every topic matching `pattern` with its last value, the same way. */
  lastValues(pattern: string): Promise<Map<Topic, unknown>>;
  stats(): RedisTopicFeedStats;
  close(): Promise<void>;
}

type Listener = (msg: unknown, topic: string) => void;
interface Heard {
  json: string;
  msg: unknown;
  /** When it was heard, in messages: resync must not overwrite anything newer than its scan. */
  stamp: number;
}

/**
 * The engine's topics for an edge process without the engine, heard through Redis: what the
 * bridge (redis-bridge.ts) forwards. One PSUBSCRIBE per distinct Redis glob, however many
 * listeners share it; Redis's `*` also crosses dots, so every message is checked against each
 * listener's own pattern. Reconnects by itself and subscribes again; after an outage, listeners
 * get the last value of each of their topics that changed meanwhile, so they converge instead
 * of waiting for the next message. While Redis is away, `lastValue` answers from what was heard.
 */
export function redisTopicFeed(source: string | Redis, options: RedisTopicFeedOptions = {}): RedisTopicFeed {
  const names = redisNames(options.namespace);
  const log = options.log;
  const maxTopics = options.maxTopics ?? 100_000;
  const base = { log, maxReconnectDelayMs: options.maxReconnectDelayMs, commandTimeoutMs: options.commandTimeoutMs ?? 250 };
  const owned = typeof source === 'string';
  const reader = typeof source === 'string' ? redisClient(source, { role: 'feed', ...base }) : source;
  // A subscribed connection is its own: one of ours, whatever we were given.
  const sub =
    typeof source === 'string'
      ? redisClient(source, { role: 'feed-subscriber', ...base, commandTimeoutMs: undefined })
      : source.duplicate({ enableOfflineQueue: false, maxRetriesPerRequest: 0, autoResubscribe: false, autoResendUnfulfilledCommands: false, commandTimeout: undefined });
  if (!owned) reportConnection(sub, 'feed-subscriber', log);

  const byGlob = new Map<string, Map<Listener, TopicPattern>>();
  const heard = new Map<Topic, Heard>();
  const stats = { received: 0, malformed: 0, resynced: 0 };
  let stamp = 0;

  const remember = (t: Topic, json: string, msg: unknown): void => {
    heard.delete(t);
    heard.set(t, { json, msg, stamp: ++stamp });
    if (heard.size > maxTopics) heard.delete(heard.keys().next().value!);
  };

  const deliver = (listeners: Map<Listener, TopicPattern>, msg: unknown, t: Topic) => {
    for (const [listener, pattern] of listeners) {
      if (!topicMatches(pattern, t)) continue;
      try {
        listener(msg, t);
      } catch (e) {
        log?.error('topic listener failed', { topic: t, error: String(e) });
      }
    }
  };

  sub.on('pmessage', (glob: string, channel: string, json: string) => {
    const listeners = byGlob.get(glob);
    if (!listeners) return;
    const t = names.topicOf(channel);
    let msg: unknown;
    try {
      if (t === undefined) throw new Error('not a topic');
      msg = JSON.parse(json);
    } catch {
      stats.malformed++;
      return;
    }
    stats.received++;
    remember(t, json, msg);
    deliver(listeners, msg, t);
  });

  /** Globs Redis has acknowledged on the current connection. */
  const confirmed = new Set<string>();
  let subscribing: Promise<unknown> = Promise.resolve();
  sub.on('close', () => confirmed.clear());
  const subscribe = (globs: string[]) => {
    if (globs.length === 0 || sub.status !== 'ready') return subscribing;
    // Failing here is harmless: every glob is subscribed again at the next 'ready'.
    const done = sub.psubscribe(...globs).then(
      () => globs.forEach((g) => byGlob.has(g) && confirmed.add(g)),
      () => undefined,
    );
    subscribing = Promise.all([subscribing, done]).then(() => undefined); // settles with nothing: no chain kept
    return done;
  };

  /** Last values in Redis whose topic matches a glob (and `pattern`, when given). Throws when Redis fails. */
  const scan = async (glob: string, pattern?: TopicPattern): Promise<Map<Topic, string>> => {
    const field = glob.slice(names.namespace.length + 1);
    const found = new Map<Topic, string>();
    let cursor = '0';
    do {
      const [next, flat] = await reader.hscan(names.lastValues, cursor, 'MATCH', field, 'COUNT', 1000);
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const t = names.topicOf(names.channel(flat[i]!));
        if (t !== undefined && (!pattern || topicMatches(pattern, t))) found.set(t, flat[i + 1]!);
      }
      cursor = next;
    } while (cursor !== '0');
    return found;
  };

  const readable = () => reader.status === 'ready';

  /**
   * After an outage: the last value of every topic listened to that changed while we were not
   * listening, unless a newer message was heard since the scan began.
   */
  const resync = async () => {
    const since = stamp;
    for (const glob of [...byGlob.keys()]) {
      let values: Map<Topic, string>;
      try {
        values = await scan(glob);
      } catch {
        return; // Redis went again: the next 'ready' tries again
      }
      for (const [t, json] of values) {
        const known = heard.get(t);
        if (known && (known.stamp > since || known.json === json)) continue;
        const listeners = byGlob.get(glob);
        if (!listeners) break; // stopped listening meanwhile
        if (![...listeners.values()].some((p) => topicMatches(p, t))) continue;
        let msg: unknown;
        try {
          msg = JSON.parse(json);
        } catch {
          stats.malformed++;
          continue;
        }
        remember(t, json, msg);
        stats.resynced++;
        deliver(listeners, msg, t);
      }
    }
  };

  // A resync waits for both connections: they come back one after the other.
  let resyncPending = false;
  const maybeResync = () => {
    if (!resyncPending || sub.status !== 'ready' || !readable()) return;
    resyncPending = false;
    void resync();
  };
  let everReady = false;
  sub.on('ready', () => {
    if (everReady) resyncPending = true;
    everReady = true;
    void subscribe([...byGlob.keys()]).then(maybeResync);
  });
  reader.on('ready', maybeResync);

  return {
    listen(text, listener) {
      const pattern = topicPattern(text);
      const glob = names.glob(pattern);
      let listeners = byGlob.get(glob);
      if (!listeners) {
        listeners = new Map();
        byGlob.set(glob, listeners);
        void subscribe([glob]);
      }
      listeners.set(listener, pattern);
      return () => {
        const current = byGlob.get(glob);
        if (!current?.delete(listener) || current.size > 0) return;
        byGlob.delete(glob);
        confirmed.delete(glob);
        if (sub.status === 'ready') sub.punsubscribe(glob).catch(() => undefined);
      };
    },

    async subscribed() {
      await subscribing;
      return sub.status === 'ready' && [...byGlob.keys()].every((g) => confirmed.has(g));
    },

    async lastValue(text) {
      const t = text as Topic;
      if (readable()) {
        try {
          const json = await reader.hget(names.lastValues, t);
          if (json !== null) return JSON.parse(json);
        } catch {
          // Redis is away or slow: what this process heard is the best there is.
        }
      }
      return heard.get(t)?.msg;
    },

    async lastValues(text) {
      const pattern = topicPattern(text);
      const out = new Map<Topic, unknown>();
      for (const [t, h] of heard) if (topicMatches(pattern, t)) out.set(t, h.msg);
      if (readable()) {
        try {
          for (const [t, json] of await scan(names.glob(pattern), pattern)) {
            try {
              out.set(t, JSON.parse(json));
            } catch {
              stats.malformed++;
            }
          }
        } catch {
          // as lastValue
        }
      }
      return out;
    },

    stats: () => ({ ...stats, connected: sub.status === 'ready' && readable(), patterns: byGlob.size }),

    async close() {
      byGlob.clear();
      reader.off('ready', maybeResync);
      await closeClient(sub);
      if (owned) await closeClient(reader);
    },
  };
}
