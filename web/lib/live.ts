/// <reference lib="dom" />
import type { ServerFrame } from '../../api/ws/protocol.ts';

/** Where a live connection stands, for the page to say so. */
export type LiveStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  /** Lost; tries again in `retryInMs`. */
  | { state: 'retrying'; retryInMs: number; code: number; reason: string }
  /** Closed for good: the server said retrying cannot help (unknown symbol, bad query), or the page closed it. */
  | { state: 'closed'; code: number; reason: string };

export interface LiveOptions {
  /** `/ws/chart/BTCUSDT?tf=1m`, `/stream`: on this server, ws: or wss: as the page. */
  path: string;
  /** Each frame, parsed from JSON; a frame that is not JSON is dropped (and logged). */
  onFrame(frame: unknown): void;
  /** After every (re)connection: what a protocol must send first (subscriptions, authentication). */
  onOpen?(send: (msg: object) => void): void;
  onStatus?(status: LiveStatus): void;
  /** Close codes after which reconnecting cannot help (default: 4400 bad query, 4404 unknown symbol). */
  final?: readonly number[];
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * The one WebSocket client of the dashboard: connects, hands each JSON frame to its page,
 * reconnects with exponential backoff (0.5 s doubling to 10 s, jittered so a restarted server is
 * not met by every tab at once), and replays `onOpen` after each reconnection so subscriptions
 * and authentication come back by themselves. Close codes the server uses for "this cannot
 * work" (4404 unknown symbol, 4400 bad query) end it instead.
 */
export class LiveSocket {
  private ws: WebSocket | null = null;
  private retryMs = FIRST_RETRY_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  status: LiveStatus = { state: 'connecting' };

  constructor(private readonly opts: LiveOptions) {
    this.connect();
  }

  /** Sends a frame now if connected; otherwise it is dropped (onOpen sends what must be there after a reconnection). */
  send(msg: object): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.ws?.close(1000, 'page left');
    this.ws = null;
  }

  private setStatus(status: LiveStatus): void {
    this.status = status;
    this.opts.onStatus?.(status);
  }

  private connect(): void {
    if (this.closed) return;
    const url = new URL(this.opts.path, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.setStatus({ state: 'connecting' });
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      this.setStatus({ state: 'open' });
      this.opts.onOpen?.((msg) => ws.send(JSON.stringify(msg)));
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        console.warn('tickflow: a frame that is not JSON was dropped', ev.data.slice(0, 200));
        return;
      }
      this.opts.onFrame(frame);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws || this.closed) return;
      this.ws = null;
      if ((this.opts.final ?? [4400, 4404]).includes(ev.code)) {
        this.setStatus({ state: 'closed', code: ev.code, reason: ev.reason });
        return;
      }
      const wait = Math.round(this.retryMs * (0.75 + Math.random() * 0.5));
      this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
      this.setStatus({ state: 'retrying', retryInMs: wait, code: ev.code, reason: ev.reason || (ev.code === 1006 ? 'connection lost' : `closed (${ev.code})`) });
      this.timer = setTimeout(() => this.connect(), wait);
    };
  }
}

/** A Tickflow frame (api/ws/protocol.ts), or null for anything else. */
export function tickflowFrame(frame: unknown): ServerFrame | null {
  if (typeof frame !== 'object' || frame === null || typeof (frame as { type?: unknown }).type !== 'string') return null;
  return frame as ServerFrame;
}

/** The `data` of a snapshot or delta frame, or undefined for the protocol's other frames. */
export function dataOf(frame: unknown): { topic: string; seq: number; data: unknown; snapshot: boolean } | undefined {
  const f = tickflowFrame(frame);
  if (!f || (f.type !== 'snapshot' && f.type !== 'delta')) return undefined;
  return { topic: f.topic, seq: f.seq, data: f.data, snapshot: f.type === 'snapshot' };
}

/** What a page says while its live connection is not open; null when it is. */
export function statusText(s: LiveStatus, what = 'Live updates'): string | null {
  switch (s.state) {
    case 'open':
    case 'connecting':
      // A first connection takes a moment and the page shows it is loading; a reconnection is 'retrying' until it opens.
      return null;
    case 'retrying':
      return `${what} paused (${s.reason}); reconnecting in ${Math.ceil(s.retryInMs / 1000)} s…`;
    case 'closed':
      return `${what} stopped: ${s.reason || `closed (${s.code})`}`;
  }
}
