import type { Redis } from 'ioredis';
import { topicMatches, topicPattern, type Topic } from '../../engine/names.ts';
import type { Logger } from '../../log/logger.ts';
import { closeClient, redisClient } from './redis-client.ts';
import { redisNames } from './redis-names.ts';
import type { TopicFeed } from './topic-feed.ts';

export interface BridgeOptions {
  /** See redis-names.ts; every process sharing the server must use the same one. */
  namespace?: string;
  /**
   * Messages sent and not yet answered beyond which new ones are dropped (and counted), so a slow
   * or half-dead Redis costs a bounded amount of memory, never the engine's pace.
   */
  maxInFlight?: number;
  /** Topics whose last value is held; past it the one unheard of longest is forgotten. */
  maxTopics?: number;
  /** Last-value fields per HSET. */
  flushChunk?: number;
  log?: Logger;
}

export interface BridgeStats {
  /** Messages Redis acknowledged. */
  published: number;
  /** Messages never sent: Redis away, or too many unanswered. */
  dropped: number;
  /** Messages sent but refused or lost with the connection, or that JSON could not encode. */
  failed: number;
  /** Messages sent and not yet answered, or waiting for this turn's write. */
  inFlight: number;
  /** Topics whose last value is held here (and written to Redis). */
  topics: number;
  /** Last values published again because the message that carried them had been dropped. */
  resent: number;
}

export interface TopicBridge {
  stats(): BridgeStats;
  /** Stops forwarding; closes the Redis connection only when the bridge opened it (given a URL). */
  close(): Promise<void>;
}

/**
 * Runs in the engine's process: forwards every message on a topic matching `patterns` to Redis
 * pub/sub (channel `tickflow:<topic>`), JSON-encoded once, and keeps each topic's last value in
 * the hash `tickflow:last` so an edge that starts later can send a snapshot.
 *
 * The messages of one turn go out in one pipeline: the last values first, then the PUBLISHes in
 * the order they came, so whoever hears a message and then reads the hash reads that message or
 * a newer one, never an older one.
 *
 * It never throws into the engine and never makes it wait. While Redis is away (or too slow to
 * answer `maxInFlight` messages), messages are dropped and counted: nothing is queued, so memory
 * stays bounded by `maxInFlight` and the number of topics. The last values are kept here; once
 * Redis is back they are all written again (a restarted Redis comes back empty), and the newest
 * message of each topic that lost one is published again, so edges converge without waiting for
 * the next message.
 */
export function bridgeTopics(source: TopicFeed, redis: Redis | string, patterns: readonly string[], options: BridgeOptions = {}): TopicBridge {
  const names = redisNames(options.namespace);
  const maxInFlight = options.maxInFlight ?? 10_000;
  const maxTopics = options.maxTopics ?? 100_000;
  const flushChunk = options.flushChunk ?? 500;
  const log = options.log;
  const owned = typeof redis === 'string';
  const client = typeof redis === 'string' ? redisClient(redis, { role: 'bridge', log }) : redis;
  const bridged = patterns.map((p) => topicPattern(p));

  const stats = { published: 0, dropped: 0, failed: 0, inFlight: 0, resent: 0 };
  /** The newest message per topic, as it came: encoded only when it has to be written. */
  const latest = new Map<Topic, unknown>();
  /** Topics whose newest value the hash has not been sent, with its JSON when already encoded. */
  const dirty = new Map<Topic, string | undefined>();
  /** Topics whose newest message was dropped: published again, once, as soon as Redis can take it. */
  const missed = new Set<Topic>();
  /** This turn's messages, in order. */
  let outTopics: Topic[] = [];
  let outJson: string[] = [];
  let flushScheduled = false;
  let closed = false;
  let droppedAtOutage: number | undefined;

  const drop = (topics: Iterable<Topic>, count: number) => {
    for (const t of topics) missed.add(t);
    stats.dropped += count;
    if (droppedAtOutage !== undefined) return;
    droppedAtOutage = stats.dropped - count;
    log?.warn('redis bridge dropping messages', { status: client.status, inFlight: stats.inFlight });
  };

  const encode = (t: Topic): string | undefined => {
    try {
      return JSON.stringify(latest.get(t));
    } catch {
      return undefined;
    }
  };

  const flush = () => {
    flushScheduled = false;
    if (closed) return;
    if (client.status !== 'ready') {
      stats.inFlight -= outTopics.length;
      if (outTopics.length > 0) drop(outTopics, outTopics.length);
      outTopics = [];
      outJson = [];
      return; // last values stay dirty: written on reconnection
    }
    // Dropped topics go first: their values are older than anything accepted since.
    const resend: Topic[] = [];
    const resendJson: string[] = [];
    if (missed.size > 0 && stats.inFlight + missed.size <= maxInFlight) {
      for (const t of missed) {
        const json = latest.has(t) ? encode(t) : undefined;
        if (json === undefined) continue;
        resend.push(t);
        resendJson.push(json);
      }
      missed.clear();
    }
    if (outTopics.length === 0 && resend.length === 0 && dirty.size === 0) return;

    const pipe = client.pipeline();
    let fields: string[] = [];
    for (const [t, json] of dirty) {
      const encoded = json ?? encode(t);
      if (encoded === undefined) continue;
      fields.push(t, encoded);
      if (fields.length >= flushChunk * 2) {
        pipe.hset(names.lastValues, ...fields);
        fields = [];
      }
    }
    if (fields.length > 0) pipe.hset(names.lastValues, ...fields);
    dirty.clear();
    const first = pipe.length;
    const topics = resend.concat(outTopics);
    for (let i = 0; i < resend.length; i++) pipe.publish(names.channel(resend[i]!), resendJson[i]!);
    for (let i = 0; i < outTopics.length; i++) pipe.publish(names.channel(outTopics[i]!), outJson[i]!);
    stats.inFlight += resend.length; // the others were counted as they came
    stats.resent += resend.length;
    outTopics = [];
    outJson = [];
    pipe.exec().then(
      (results) => {
        const lost = topics.filter((_, i) => results?.[first + i]?.[0]);
        settle(topics, lost);
      },
      () => settle(topics, topics),
    );
  };

  // A last value lost with the connection needs no retry: every held one is written on reconnection.
  const settle = (sent: Topic[], lost: Topic[]) => {
    stats.inFlight -= sent.length;
    stats.failed += lost.length;
    stats.published += sent.length - lost.length;
    for (const t of lost) missed.add(t);
    if (lost.length === 0 && droppedAtOutage !== undefined) {
      log?.info('redis bridge resumed', { dropped: stats.dropped - droppedAtOutage });
      droppedAtOutage = undefined;
    }
    if (dirty.size > 0 || missed.size > 0) scheduleFlush(); // held back by a full pipe
  };

  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  };

  const forward = (msg: unknown, t: Topic) => {
    latest.delete(t); // re-inserted last: the map's order is recency
    latest.set(t, msg);
    if (latest.size > maxTopics) {
      const oldest = latest.keys().next().value!;
      latest.delete(oldest);
      dirty.delete(oldest);
      missed.delete(oldest);
    }
    if (client.status !== 'ready' || stats.inFlight >= maxInFlight) {
      drop([t], 1);
      dirty.set(t, undefined); // encoded from `latest` when written: newer than any JSON held
      return;
    }
    let json: string;
    try {
      json = JSON.stringify(msg);
    } catch {
      stats.failed++;
      return;
    }
    missed.delete(t); // this newer one goes out instead
    outTopics.push(t);
    outJson.push(json);
    dirty.set(t, json);
    stats.inFlight++;
    scheduleFlush();
  };

  // A message matching several bridged patterns is forwarded once: by the first that matches.
  const unlisten = bridged.map((pattern, i) =>
    source.listen(pattern, (msg, t) => {
      try {
        const topic = t as Topic;
        for (let j = 0; j < i; j++) if (topicMatches(bridged[j]!, topic)) return;
        forward(msg, topic);
      } catch {
        stats.failed++; // never into the engine
      }
    }),
  );

  const onReady = () => {
    for (const t of latest.keys()) if (!dirty.has(t)) dirty.set(t, undefined);
    scheduleFlush();
  };
  client.on('ready', onReady);

  return {
    stats: () => ({ ...stats, topics: latest.size }),
    close: async () => {
      closed = true;
      for (const stop of unlisten) stop();
      client.off('ready', onReady);
      if (owned) await closeClient(client);
    },
  };
}
