import type { Server } from 'bun';
import type { Conn, Pending, Socket } from './connection.ts';
import { CLOSE } from './protocol.ts';

/** The channel every connection is in, lagging or not: heartbeats are tiny and say the server is alive. */
export const HEARTBEAT = '#heartbeat';

export interface FanoutLimits {
  lagBytes: number;
  backpressureLimit: number;
  slowCloseMs: number;
  maxPending: number;
}

export interface FanoutCounters {
  /** Connections ever opened. */
  connectionsTotal: number;
  /** Frames handed to clients (a publish counts once per connection it reaches). */
  messagesSent: number;
  /** Frames received from clients. */
  messagesReceived: number;
  /** Frames superseded by a newer one of the same topic while their connection lagged. */
  conflated: number;
  /** Frames still waiting for a lagging connection when it closed. */
  discarded: number;
  /** Connections closed with 4008. */
  closedSlow: number;
  /** Frames serialized and published once to a channel (however many connections it reached). */
  published: number;
}

/**
 * Delivery to WebSocket clients, with Bun's pub/sub doing the fan-out: one `server.publish` per
 * frame and channel, serialized once, whatever the number of subscribers. A connection that
 * reads too slowly (more than `lagBytes` buffered) leaves its channels in Bun, so it costs the
 * others nothing; while it lags, the newest frame per topic waits for it (conflation: bounded by
 * its topics, never by the message rate), and on `drain` it catches up and rejoins. One that
 * lags for longer than `slowCloseMs`, or gets `backpressureLimit` behind, is closed with 4008.
 */
export class Fanout {
  private server: Server<Conn> | null = null;
  readonly sockets = new Set<Socket>();
  private readonly members = new Map<string, Set<Socket>>();
  private readonly lagging = new Set<Socket>();
  readonly counters: FanoutCounters = { connectionsTotal: 0, messagesSent: 0, messagesReceived: 0, conflated: 0, discarded: 0, closedSlow: 0, published: 0 };
  /** Bytes buffered over all connections at the last sweep. */
  private buffered = 0;
  private replies = 0;
  private sweepQueued = false;

  constructor(
    private readonly limits: FanoutLimits,
    private readonly now: () => number,
    private readonly onSlowClose: (conn: Conn, reason: string) => void = () => {},
  ) {}

  /** Binds to the server whose channels it publishes on; null once the server stops. */
  attach(server: Server<Conn> | null): void {
    this.server = server;
  }

  add(ws: Socket): void {
    this.sockets.add(ws);
    this.counters.connectionsTotal++;
    ws.subscribe(HEARTBEAT);
  }

  /** Forgets a closed connection, and whatever was waiting for it. */
  remove(ws: Socket): void {
    const conn = ws.data;
    conn.open = false;
    this.sockets.delete(ws);
    this.lagging.delete(ws);
    this.counters.discarded += conn.lag?.pending.size ?? 0;
    conn.lag = null;
    for (const ch of conn.channels) this.forget(ch, ws);
    conn.channels.clear();
  }

  join(ws: Socket, channel: string): void {
    const conn = ws.data;
    if (!conn.open || conn.channels.has(channel)) return;
    conn.channels.add(channel);
    let members = this.members.get(channel);
    if (!members) this.members.set(channel, (members = new Set()));
    members.add(ws);
    if (!conn.lag) ws.subscribe(channel);
  }

  leave(ws: Socket, channel: string): void {
    if (!ws.data.channels.delete(channel)) return;
    this.forget(channel, ws);
    if (ws.readyState === 1) ws.unsubscribe(channel);
  }

  private forget(channel: string, ws: Socket): void {
    const members = this.members.get(channel);
    members?.delete(ws);
    if (members?.size === 0) this.members.delete(channel);
  }

  /**
   * One frame to every member of `channel`. Bun sends it to those keeping up; for a lagging one
   * it replaces whatever of `key` was waiting (`whenLagging` when a lagging reader needs another
   * frame than the live ones, e.g. a full snapshot instead of a partial delta).
   */
  publish(channel: string, key: string, frame: string, whenLagging: Pending = frame): void {
    const members = this.members.get(channel);
    if (!members || !this.server) return;
    let live = members.size;
    for (const ws of this.lagging) {
      if (!ws.data.channels.has(channel)) continue;
      live--;
      this.park(ws, key, whenLagging);
    }
    if (live <= 0) return;
    const status = this.server.publish(channel, frame, false);
    this.counters.published++;
    this.counters.messagesSent += live;
    if (status === 0) this.sweepSoon(); // dropped for someone: find who before the next sweep
  }

  /** One frame to one connection, in order with everything else sent to it. Replies get a key of their own. */
  send(ws: Socket, frame: string, key = `#${this.replies++}`): void {
    const conn = ws.data;
    if (!conn.open) return;
    if (conn.lag) return this.park(ws, key, frame);
    const status = ws.send(frame);
    if (status === 0) {
      // Over Bun's limit: nothing more can be queued, so it waits here instead.
      this.startLag(ws);
      return this.park(ws, key, frame);
    }
    this.counters.messagesSent++;
    if (status === -1 && ws.getBufferedAmount() > this.limits.lagBytes) this.startLag(ws);
  }

  heartbeat(frame: string): void {
    if (!this.server || this.sockets.size === 0) return;
    this.server.publish(HEARTBEAT, frame, false);
    this.counters.published++;
    this.counters.messagesSent += this.sockets.size;
  }

  /** Bun says the socket can take more: catch up, and rejoin the fan-out once caught up. */
  drain(ws: Socket): void {
    if (ws.data.lag) this.flush(ws);
  }

  /**
   * Looks at every connection's buffered amount: lagging ones are flushed (in case a drain was
   * missed) or closed when behind for too long; one past `backpressureLimit` is closed (Bun has
   * started dropping for it); one past `lagBytes` starts lagging.
   */
  sweep(): void {
    const now = this.now();
    let buffered = 0;
    for (const ws of this.sockets) {
      const conn = ws.data;
      if (!conn.open) continue;
      const amount = ws.getBufferedAmount();
      buffered += amount;
      if (amount >= this.limits.backpressureLimit) this.closeSlow(ws, `too slow: ${amount} bytes behind (limit ${this.limits.backpressureLimit})`);
      else if (conn.lag && now - conn.lag.since > this.limits.slowCloseMs) this.closeSlow(ws, `too slow: behind for more than ${this.limits.slowCloseMs} ms`);
      else if (conn.lag) this.flush(ws);
      else if (amount > this.limits.lagBytes) this.startLag(ws);
    }
    this.buffered = buffered;
  }

  private sweepSoon(): void {
    if (this.sweepQueued) return;
    this.sweepQueued = true;
    queueMicrotask(() => {
      this.sweepQueued = false;
      this.sweep();
    });
  }

  private startLag(ws: Socket): void {
    const conn = ws.data;
    if (conn.lag || !conn.open) return;
    conn.lag = { since: this.now(), pending: new Map() };
    this.lagging.add(ws);
    for (const ch of conn.channels) ws.unsubscribe(ch);
  }

  private park(ws: Socket, key: string, frame: Pending): void {
    const conn = ws.data;
    if (!conn.open || !conn.lag) return;
    const pending = conn.lag.pending;
    const waiting = pending.get(key);
    if (waiting === frame) return; // the same frame through a second matching channel
    if (waiting !== undefined) this.counters.conflated++;
    pending.set(key, frame);
    if (pending.size > this.limits.maxPending) this.closeSlow(ws, `too slow: more than ${this.limits.maxPending} frames waiting`);
  }

  /** Sends what waits while the buffer stays under `lagBytes`; once all is sent, back into the channels. */
  private flush(ws: Socket): void {
    const conn = ws.data;
    const lag = conn.lag;
    if (!lag || !conn.open) return;
    for (const [key, frame] of lag.pending) {
      if (ws.getBufferedAmount() > this.limits.lagBytes) return;
      const status = ws.send(typeof frame === 'string' ? frame : frame());
      if (status === 0) return;
      lag.pending.delete(key);
      this.counters.messagesSent++;
    }
    if (ws.getBufferedAmount() > this.limits.lagBytes) return;
    conn.lag = null;
    this.lagging.delete(ws);
    for (const ch of conn.channels) ws.subscribe(ch);
  }

  /**
   * Closes with 4008 on the next microtask: this may run inside a publish loop or a feed
   * listener, and closing runs the close handler, which changes the very maps being iterated.
   */
  private closeSlow(ws: Socket, reason: string): void {
    const conn = ws.data;
    if (!conn.open) return;
    conn.open = false;
    this.counters.closedSlow++;
    this.onSlowClose(conn, reason);
    queueMicrotask(() => ws.close(CLOSE.slow, reason));
  }

  stats() {
    let pending = 0;
    for (const ws of this.lagging) pending += ws.data.lag?.pending.size ?? 0;
    const c = this.counters;
    return { connections: this.sockets.size, lagging: this.lagging.size, pending, buffered: this.buffered, ...c, messagesDropped: c.conflated + c.discarded };
  }
}
