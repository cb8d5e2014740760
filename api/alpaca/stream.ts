import type { Server, ServerWebSocket, WebSocketHandler } from 'bun';
import { z } from 'zod';
import type { TradeUpdateMsg } from '../../actors/account/index.ts';
import { createLogger, type Logger } from '../../log/logger.ts';
import { decimalString } from '../../market/orders/index.ts';
import { tradeTopic } from '../../market/topics.ts';
import type { TopicFeed } from '../bus/topic-feed.ts';
import type { KeyVerifier } from './auth.ts';

/**
 * Alpaca's trading stream, `/stream`: trade_updates over a WebSocket, in Alpaca's protocol.
 *
 *   → {"action":"authenticate","data":{"key_id":"PK…","secret_key":"…"}}
 *   ← {"stream":"authorization","data":{"status":"authorized","action":"authenticate"}}   (or "unauthorized")
 *   → {"action":"listen","data":{"streams":["trade_updates"]}}
 *   ← {"stream":"listening","data":{"streams":["trade_updates"]}}
 *   ← {"stream":"trade_updates","data":{"event":"fill","order":{…},"timestamp":"…","price":"…","qty":"…","position_qty":"…"}}
 *
 * Updates come from the account's `trade.<id>` topic, so a connection hears its own account and
 * no other. Listening to an empty list stops them. A frame that is not one of the two actions is
 * answered `{"stream":"error","data":{"error":"…"}}` and changes nothing.
 */

/** What `/stream` keeps per WebSocket (`ws.data`); `alpacaStream` tells it from the `/ws` edge's connections. */
export interface TradeStreamConn {
  readonly alpacaStream: true;
  accountId: string | null;
  /** Stops hearing `trade.<account>`; null while not listening. */
  unlisten: (() => void) | null;
  /** Frames are handled one after the other, though authenticating awaits a hash. */
  queue: Promise<void>;
  open: boolean;
}

type Socket = ServerWebSocket<TradeStreamConn>;

const STREAMS = ['trade_updates'] as const;

const inbound = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('authenticate'),
      data: z.object({ key_id: z.string({ error: 'data.key_id must be a string' }), secret_key: z.string({ error: 'data.secret_key must be a string' }) }, { error: 'data must be an object with key_id and secret_key' }),
    }),
    z.object({
      action: z.literal('listen'),
      data: z.object({ streams: z.array(z.string(), { error: 'data.streams must be an array of stream names' }) }, { error: 'data must be an object with streams' }),
    }),
  ],
  { error: (i) => `action must be authenticate or listen, got ${JSON.stringify((i.input as { action?: unknown } | null)?.action ?? null)}` },
);

/** A trade update as Alpaca's stream writes it: decimals as strings, fill figures only on fills. */
export function tradeUpdateFrame(u: TradeUpdateMsg) {
  const fill = u.price !== null && u.qty !== null;
  return {
    stream: 'trade_updates',
    data: {
      event: u.event,
      order: u.order,
      timestamp: new Date(u.at).toISOString(),
      ...(fill ? { price: decimalString(u.price!), qty: decimalString(u.qty!), position_qty: decimalString(u.positionQty ?? 0) } : {}),
    },
  };
}

export interface TradeStreamDeps {
  topics: TopicFeed;
  verifier: KeyVerifier;
  log?: Logger;
}

export interface TradeStream {
  /** Upgrades `/stream`; `handled: false` for any other path. */
  upgrade(req: Request, server: Server<TradeStreamConn>): { handled: false } | { handled: true; response?: Response };
  readonly websocket: Required<Pick<WebSocketHandler<TradeStreamConn>, 'open' | 'message' | 'close' | 'error'>>;
  /** Stops every connection's listening (the server closes the sockets). */
  stop(): void;
}

export function createTradeStream(deps: TradeStreamDeps): TradeStream {
  const log = deps.log ?? createLogger('warn');
  const sockets = new Set<Socket>();
  const send = (ws: Socket, frame: object) => {
    if (ws.data.open) ws.send(JSON.stringify(frame));
  };
  const stopListening = (ws: Socket) => {
    ws.data.unlisten?.();
    ws.data.unlisten = null;
  };

  const failed = (ws: Socket, e: unknown) => {
    log.error('trade stream failed', { error: String(e), stack: e instanceof Error ? e.stack : undefined });
    if (ws.data.open) ws.close(1011, 'internal error; it has been logged');
  };

  async function handle(ws: Socket, raw: string | Buffer): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
    } catch {
      return send(ws, { stream: 'error', data: { error: 'frames must be JSON objects' } });
    }
    const parsed = inbound.safeParse(json);
    if (!parsed.success) return send(ws, { stream: 'error', data: { error: parsed.error.issues.map((i) => i.message).join('; ') } });
    const frame = parsed.data;
    if (frame.action === 'authenticate') {
      const accountId = await deps.verifier.verify(frame.data.key_id, frame.data.secret_key);
      if (accountId !== ws.data.accountId) stopListening(ws); // another account's key: what was heard is no longer this connection's
      ws.data.accountId = accountId;
      return send(ws, { stream: 'authorization', data: { status: accountId === null ? 'unauthorized' : 'authorized', action: 'authenticate' } });
    }
    const accountId = ws.data.accountId;
    if (accountId === null) return send(ws, { stream: 'authorization', data: { status: 'unauthorized', action: 'listen' } });
    const wanted = frame.data.streams.filter((s): s is (typeof STREAMS)[number] => (STREAMS as readonly string[]).includes(s));
    stopListening(ws);
    if (wanted.length > 0) {
      ws.data.unlisten = deps.topics.listen(tradeTopic(accountId), (msg) => send(ws, tradeUpdateFrame(msg as TradeUpdateMsg)));
    }
    send(ws, { stream: 'listening', data: { streams: wanted } });
  }

  return {
    upgrade(req, server) {
      if (new URL(req.url).pathname !== '/stream') return { handled: false };
      const data: TradeStreamConn = { alpacaStream: true, accountId: null, unlisten: null, queue: Promise.resolve(), open: true };
      if (server.upgrade(req, { data })) return { handled: true };
      return { handled: true, response: new Response(JSON.stringify({ code: 40010000, message: 'this is a WebSocket endpoint: connect with a WebSocket client' }), { status: 426, headers: { 'Content-Type': 'application/json', Upgrade: 'websocket' } }) };
    },
    websocket: {
      open(ws) {
        sockets.add(ws);
      },
      message(ws, raw) {
        ws.data.queue = ws.data.queue.then(() => handle(ws, raw)).catch((e: unknown) => failed(ws, e));
      },
      error(e, ws) {
        failed(ws, e);
      },
      close(ws) {
        ws.data.open = false;
        stopListening(ws);
        sockets.delete(ws);
      },
    },
    stop() {
      for (const ws of sockets) stopListening(ws);
    },
  };
}

/**
 * One Bun server takes one WebSocket handler: this one sends `/stream`'s connections to the trade
 * stream and every other to `base` (the `/ws` edge's), keeping the base's options (payload and
 * back-pressure limits) for all.
 */
export function withTradeStream<T extends object>(base: WebSocketHandler<T>, stream: TradeStream): WebSocketHandler<T | TradeStreamConn> {
  type Any = ServerWebSocket<T | TradeStreamConn>;
  const isStream = (ws: Any): ws is Socket => (ws.data as Partial<TradeStreamConn>).alpacaStream === true;
  const other = (ws: Any) => ws as ServerWebSocket<T>;
  return {
    ...(base as WebSocketHandler<T | TradeStreamConn>),
    open: (ws) => (isStream(ws) ? stream.websocket.open(ws) : base.open?.(other(ws))),
    message: (ws, m) => (isStream(ws) ? stream.websocket.message(ws, m) : base.message?.(other(ws), m)),
    close: (ws, code, reason) => (isStream(ws) ? stream.websocket.close(ws, code, reason) : base.close?.(other(ws), code, reason)),
    // The trade stream sends a few small frames: it has no back-pressure of its own to drain.
    drain: (ws) => (isStream(ws) ? undefined : base.drain?.(other(ws))),
    error: (e, ws) => (isStream(ws) ? stream.websocket.error(e, ws) : base.error?.(e, other(ws))),
  };
}
