import { delay } from './backoff.ts';
import { withDefaults, type ConnectionOptions, type ConnectionState, type ConnectionStats, type DropReason, type ResolvedOptions } from './connection-options.ts';
import { parseFrame } from './messages.ts';
import { OwnedTimers } from './owned-timers.ts';

export type { ConnectionOptions, ConnectionState, ConnectionStats, DropReason } from './connection-options.ts';

/**
 * One combined-stream connection to Binance, kept alive: parses every frame, reconnects with
 * jittered backoff after a loss, renews itself before the 24h limit, and detects silent links.
 * Every timer is on the injected clock. Server pings need nothing here: Bun's WebSocket client
 * answers them with a pong by itself (connection.test.ts checks it), and tells us via 'ping'.
 */
export class BinanceConnection {
  private ws: WebSocket | null = null;
  private readonly timers: OwnedTimers;
  private readonly s: ConnectionStats = { received: 0, dropped: {}, reconnects: 0, state: 'closed' };
  private attempt = 0;
  private everOpened = false;
  private lastActivity = 0;
  /** When the last frame arrived, or the first connection opened if none has: where a gap starts. */
  private heardAt: number | null = null;
  private readonly o: ResolvedOptions;

  constructor(options: ConnectionOptions) {
    this.o = withDefaults(options);
    this.timers = new OwnedTimers(options.clock);
  }

  start(): void {
    if (this.s.state === 'closed') this.connect();
  }

  /** Stops for good: the socket is closed and no timer is left on the clock. */
  close(): void {
    this.detach();
    this.setState('closed');
  }

  stats(): ConnectionStats {
    return { ...this.s, dropped: { ...this.s.dropped } };
  }

  private connect(): void {
    this.setState('connecting');
    if (this.s.state !== 'connecting') return; // the owner closed us from onState
    let ws: WebSocket;
    try {
      ws = new this.o.WebSocket(this.o.url);
    } catch (e) {
      return this.lost(`cannot connect: ${(e as Error).message}`); // a malformed URL throws at once
    }
    this.ws = ws;
    // A socket we have let go of may still fire events: only the current one speaks.
    ws.onopen = () => ws === this.ws && this.opened();
    ws.onmessage = (ev) => ws === this.ws && this.frame(ev.data);
    ws.addEventListener('ping', () => ws === this.ws && (this.lastActivity = this.o.clock.now()));
    ws.onerror = (ev) => ws === this.ws && this.lost(`error: ${(ev as ErrorEvent).message ?? 'unknown'}`);
    ws.onclose = (ev) => ws === this.ws && this.lost(`closed by peer: ${ev.code} ${ev.reason}`.trim());
    this.timers.after(this.o.connectTimeoutMs, () => this.lost(`not open after ${this.o.connectTimeoutMs} ms`));
  }

  private opened(): void {
    this.timers.cancelAll(); // the connect timeout
    const now = this.o.clock.now();
    this.lastActivity = now;
    this.timers.after(this.o.maxLifetimeMs, () => this.renew());
    this.watchIdle();
    const since = this.everOpened ? (this.heardAt ?? now) : null;
    this.everOpened = true;
    this.heardAt ??= now;
    if (since !== null) this.s.reconnects++;
    this.setState('open');
    if (since !== null && this.s.state === 'open') this.notify(() => this.o.onReconnect?.({ since, now }));
  }

  private frame(data: unknown): void {
    this.s.received++;
    this.lastActivity = this.heardAt = this.o.clock.now();
    if (typeof data !== 'string') return this.drop('binary-frame', 'Binance market streams send text frames only');
    const r = parseFrame(data, this.o.maxFrameChars);
    if (!r.ok) return this.drop(r.reason, r.detail);
    // Reset on a good frame, not on open: a server that accepts and drops at once must still back off.
    this.attempt = 0;
    try {
      this.o.onEvent(r.event);
    } catch (e) {
      this.drop('handler-error', (e as Error)?.message ?? String(e));
    }
  }

  private drop(reason: DropReason, detail: string): void {
    this.s.dropped[reason] = (this.s.dropped[reason] ?? 0) + 1;
    this.s.lastDrop = `${reason}: ${detail}`;
  }

  private lost(why: string): void {
    this.detach();
    this.s.lastLoss = why;
    this.timers.after(delay(this.attempt++, this.o.random, this.o.backoff), () => this.connect());
    this.setState('backoff');
  }

  /** Reconnect now, before Binance cuts us off; the short gap is backfilled like any other. */
  private renew(): void {
    this.detach();
    this.s.lastLoss = `renewed after ${this.o.maxLifetimeMs} ms`;
    this.connect();
  }

  /** One timer, moved forward only when it fires: frames just stamp `lastActivity`. */
  private watchIdle(): void {
    this.timers.at(this.lastActivity + this.o.idleMs, () => {
      if (this.o.clock.now() - this.lastActivity >= this.o.idleMs) this.lost(`nothing received for ${this.o.idleMs} ms`);
      else this.watchIdle();
    });
  }

  private detach(): void {
    this.timers.cancelAll();
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
    try {
      ws.close(1000);
    } catch {
      // already closing: nothing more to release
    }
  }

  private setState(state: ConnectionState): void {
    if (state === this.s.state) return;
    this.s.state = state;
    this.notify(() => this.o.onState?.(state));
  }

  /** The owner's callbacks run inside socket and timer events: one that throws must not stop the loop. */
  private notify(call: () => void): void {
    try {
      call();
    } catch (e) {
      this.s.lastCallbackError = (e as Error)?.message ?? String(e);
    }
  }
}
