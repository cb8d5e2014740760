import type { Topic, TopicPattern } from '../../engine/names.ts';

/**
 * How the engine's topics are named in Redis. Every engine process and edge process sharing a
 * server agrees on these: a topic `candle.BTCUSDT.1m` travels on the pub/sub channel
 * `tickflow:candle.BTCUSDT.1m`, and its last value is the field `candle.BTCUSDT.1m` of the hash
 * `tickflow:last`. The namespace lets several deployments share one server.
 */
export interface RedisNames {
  readonly namespace: string;
  /** The hash holding the last message of every bridged topic, field = topic, value = JSON. */
  readonly lastValues: string;
  /** The prefix of every cached response's key. */
  readonly cachePrefix: string;
  /** The channel the engine takes asks from edge processes on (redis-engine.ts). */
  readonly engineRequests: string;
  /** The channel an edge process hears its answers on. */
  engineReplies(edgeId: string): string;
  channel(t: string): string;
  /** The topic a channel carries, or undefined for a channel that is not one of ours. */
  topicOf(channel: string): Topic | undefined;
  /**
   * A Redis glob matching at least the channels of the topics `pattern` matches. Redis's `*`
   * also crosses dots, so it can match more than the engine's `*`: filter with `topicMatches`.
   */
  glob(pattern: TopicPattern): string;
}

const NAMESPACE = /^[A-Za-z0-9_-]+$/;
// As engine/names.ts: segments never hold a glob character (* ? [ ] \), so they need no escaping.
const TOPIC = /^[A-Za-z0-9_:@=-]+(\.[A-Za-z0-9_:@=-]+)*$/;

export function redisNames(namespace = 'tickflow'): RedisNames {
  if (!NAMESPACE.test(namespace)) throw new Error(`Invalid Redis namespace "${namespace}": expected letters, digits, _ and -`);
  const prefix = `${namespace}:`;
  return {
    namespace,
    lastValues: `${namespace}:last`,
    cachePrefix: `${namespace}:cache:`,
    engineRequests: `${namespace}:engine:asks`,
    engineReplies: (edgeId) => `${namespace}:engine:replies:${edgeId}`,
    channel: (t) => prefix + t,
    topicOf: (channel) => {
      if (!channel.startsWith(prefix)) return undefined;
      const t = channel.slice(prefix.length);
      return TOPIC.test(t) ? (t as Topic) : undefined;
    },
    // `a.*.c` → `a.*.c` (coarse), `a.>` → `a.*` (exact: one or more further segments).
    glob: (pattern) => prefix + pattern.split('.').map((p) => (p === '>' ? '*' : p)).join('.'),
  };
}
