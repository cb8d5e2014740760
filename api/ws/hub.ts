import { topicMatches, type Topic, type TopicPattern } from '../../engine/names.ts';
import type { TopicFeed } from '../bus/topic-feed.ts';
import type { Socket } from './connection.ts';
import type { Fanout } from './fanout.ts';
import { controlFrame, marketFrame } from './protocol.ts';

/** The last message of a topic, serialized once, and its number. */
interface LastValue {
  seq: number;
  json: string;
}

/** Which listened patterns a topic matches; the first one is the one whose listener numbers it. */
interface Route {
  owner: string;
  channels: string[];
}

const matches = (pattern: string, topic: string) => topicMatches(pattern as TopicPattern, topic as Topic);

/** Beyond this many cached routes the cache starts over (topics nobody listens to any more). */
const MAX_ROUTES = 10_000;

/**
 * The engine's topics for WebSocket clients. It listens through a TopicFeed (the actor system,
 * or Redis in an edge of its own) only on the patterns some connection subscribed to: on the
 * first subscriber, and it stops on the last. Per concrete topic it keeps the last message (a
 * new subscriber's snapshot) and numbers the messages (`seq`, +1 per message); each message is
 * serialized once and published once per subscribed pattern, each pattern a Bun channel.
 */
export class Hub {
  private readonly listens = new Map<string, { stop: () => void; sockets: Set<Socket> }>();
  private readonly values = new Map<string, LastValue>();
  private readonly routes = new Map<string, Route>();

  constructor(
    private readonly feed: TopicFeed,
    private readonly fanout: Fanout,
    private readonly maxSubscriptions: number,
    private readonly onError: (what: string, error: unknown) => void = () => {},
  ) {}

  /**
   * Subscribes a connection to a canonical topic or pattern: the last value of every topic it
   * matches (`snapshot`), then `subscribed`, then every message (`delta`). Subscribing again to
   * the same one sends the snapshots again: how a client that saw a seq gap resynchronises.
   * `seeds` are last values read elsewhere (an actor's view) for topics that have none yet: they
   * are numbered 0, so the first message heard is 1. False when the connection is at its limit.
   */
  subscribe(ws: Socket, pattern: string, seeds?: ReadonlyMap<string, unknown>): boolean {
    if (!this.hold(ws, pattern)) return false;
    for (const [topic, msg] of seeds ?? []) if (!this.values.has(topic) && matches(pattern, topic)) this.values.set(topic, { seq: 0, json: JSON.stringify(msg) });
    let snapshots = 0;
    for (const [topic, last] of this.values) {
      if (!matches(pattern, topic)) continue;
      this.fanout.send(ws, marketFrame('snapshot', topic, last.seq, last.json), topic);
      snapshots++;
    }
    this.confirm(ws, pattern, snapshots);
    return true;
  }

  /**
   * Subscribes a connection to one topic whose snapshot is a whole picture built elsewhere (a
   * forecast with its chart, a model's accuracy history) rather than the topic's last message:
   * `picture` goes out as the snapshot, numbered with the topic's current seq, so the deltas that
   * follow continue its numbering. False when the connection is at its limit.
   */
  subscribeWithPicture(ws: Socket, topic: string, picture: unknown): boolean {
    if (!this.hold(ws, topic)) return false;
    this.fanout.send(ws, marketFrame('snapshot', topic, this.values.get(topic)?.seq ?? 0, JSON.stringify(picture)), topic);
    this.confirm(ws, topic, 1);
    return true;
  }

  /** Adds the subscription (again is fine); false when the connection is at its limit. */
  private hold(ws: Socket, pattern: string): boolean {
    const conn = ws.data;
    if (conn.subs.has(pattern)) return true;
    if (conn.subs.size >= this.maxSubscriptions) return false;
    conn.subs.add(pattern);
    this.listen(pattern).sockets.add(ws);
    return true;
  }

  /** After its snapshots: `subscribed`, then deltas. */
  private confirm(ws: Socket, pattern: string, snapshots: number): void {
    this.fanout.send(ws, controlFrame({ type: 'subscribed', topic: pattern, snapshots }));
    this.fanout.join(ws, pattern);
  }

  /** False when the connection was not subscribed to it. */
  unsubscribe(ws: Socket, pattern: string): boolean {
    const conn = ws.data;
    if (!conn.subs.delete(pattern)) return false;
    this.fanout.leave(ws, pattern);
    // Frames of its topics still waiting for a lagging connection would arrive after `unsubscribed`.
    for (const key of conn.lag?.pending.keys() ?? []) {
      if (matches(pattern, key) && ![...conn.subs].some((p) => matches(p, key))) conn.lag!.pending.delete(key);
    }
    this.release(pattern, ws);
    return true;
  }

  /** A closed connection lets go of everything it held. */
  drop(ws: Socket): void {
    for (const pattern of ws.data.subs) this.release(pattern, ws);
    ws.data.subs.clear();
  }

  private listen(pattern: string) {
    let listening = this.listens.get(pattern);
    if (!listening) {
      const stop = this.feed.listen(pattern, (msg, topic) => this.hear(pattern, msg, topic));
      this.listens.set(pattern, (listening = { stop, sockets: new Set() }));
      this.routes.clear();
    }
    return listening;
  }

  private release(pattern: string, ws: Socket): void {
    const listening = this.listens.get(pattern);
    if (!listening) return;
    listening.sockets.delete(ws);
    if (listening.sockets.size > 0) return;
    listening.stop();
    this.listens.delete(pattern);
    this.routes.clear();
    // Last values only live while someone listens: memory follows the subscriptions.
    for (const topic of this.values.keys()) if (!this.route(topic)) this.values.delete(topic);
  }

  private route(topic: string): Route | undefined {
    let route = this.routes.get(topic);
    if (route) return route;
    const channels = [...this.listens.keys()].filter((p) => matches(p, topic));
    if (channels.length === 0) return undefined;
    if (this.routes.size >= MAX_ROUTES) this.routes.clear();
    this.routes.set(topic, (route = { owner: channels[0]!, channels }));
    return route;
  }

  /**
   * A message heard on `pattern`. A topic matched by several listened patterns is heard once per
   * pattern; only its first pattern's listener takes it, so it is numbered and serialized once
   * whatever the feed (the actor system calls each listener with the same object, Redis with a
   * copy each).
   */
  private hear(pattern: string, msg: unknown, topic: string): void {
    const route = this.route(topic);
    if (route?.owner !== pattern) return;
    // This runs inside the feed's dispatch (the router's, in-process): it must never throw into it.
    let json: string | undefined;
    try {
      json = JSON.stringify(msg);
    } catch (e) {
      this.onError(`cannot serialize a message on ${topic}`, e);
    }
    if (json === undefined) return;
    const last = this.values.get(topic);
    const seq = (last?.seq ?? 0) + 1;
    if (last) {
      last.seq = seq;
      last.json = json;
    } else this.values.set(topic, { seq, json });
    const frame = marketFrame('delta', topic, seq, json);
    for (const channel of route.channels) this.fanout.publish(channel, topic, frame);
  }

  /** Server shutdown: stops every listen and forgets every value. */
  close(): void {
    for (const l of this.listens.values()) l.stop();
    this.listens.clear();
    this.values.clear();
    this.routes.clear();
  }

  stats() {
    let subscriptions = 0;
    for (const l of this.listens.values()) subscriptions += l.sockets.size;
    return { topics: this.listens.size, lastValues: this.values.size, subscriptions };
  }
}
