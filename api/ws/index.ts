import type { Server, WebSocketHandler } from 'bun';
import type { EngineHandle } from '../../engine/index.ts';
import { createLogger, type Logger } from '../../log/logger.ts';
import type { InstrumentRegistry } from '../../market/instruments/index.ts';
import type { TopicFeed } from '../bus/topic-feed.ts';
import type { CandleHistory } from '../routes/history.ts';
import { openChart } from './chart.ts';
import { openModelStream } from './model-streams.ts';
import { newConn, type Conn, type Socket } from './connection.ts';
import { Fanout } from './fanout.ts';
import { Hub } from './hub.ts';
import { wsOptionsSchema, type WsOptions, type WsOptionsInput } from './options.ts';
import { routeOf } from './paths.ts';
import { CLOSE, controlFrame, parseInbound, type ErrorFrame, type Inbound } from './protocol.ts';
import { SummaryStream } from './summary.ts';
import { ProblemError } from '../problem.ts';
import { checkTopic } from './topics.ts';

export { CLOSE } from './protocol.ts';
export type { ServerFrame } from './protocol.ts';
export type { Conn } from './connection.ts';
export type { WsOptions, WsOptionsInput } from './options.ts';

/** What the WebSocket edge reads from (a subset of EdgeDeps). */
export interface WsDeps {
  /** Where the engine's topics are heard: never the ActorSystem directly, so a Redis-fed edge works the same. */
  topics: TopicFeed;
  instruments: InstrumentRegistry;
  /** For the seed paths' snapshots: asks to `symbol/<SYMBOL>` and `summary/<class>`. */
  system: EngineHandle;
  /** Stored forecasts and candles, for the forecast and trends paths' snapshots. */
  history: CandleHistory;
  log?: Logger;
  /** Wall time (ms) for heartbeats and lag; injectable for tests. */
  now?: () => number;
  options?: WsOptionsInput;
}

/** Plain numbers for a Prometheus /metrics route (a superset of api/metrics/sources.ts's WsStats). */
export interface WsStats {
  /** Connections open now. */
  connections: number;
  connectionsTotal: number;
  /** Frames handed to Bun for a client: a publish counts once per connection it reaches. */
  messagesSent: number;
  /** Frames received from clients. */
  messagesReceived: number;
  /** Frames a slow client never got: superseded while it lagged (`conflated`) or waiting when it closed (`discarded`). */
  messagesDropped: number;
  conflated: number;
  discarded: number;
  /** Connections closed with 4008. */
  closedSlow: number;
  /** Error frames sent. */
  errors: number;
  published: number;
  /** Connections lagging now, and the frames waiting for them. */
  lagging: number;
  pending: number;
  /** Bytes buffered over all connections at the last sweep. */
  buffered: number;
  /** Subscriptions held now; patterns the hub listens on; last values it keeps. */
  subscriptions: number;
  topics: number;
  lastValues: number;
}

export type Upgrade = { handled: false } | { handled: true; response?: Response };

export interface WsEdge {
  readonly options: WsOptions;
  /** For `Bun.serve({ websocket })`. */
  readonly websocket: WebSocketHandler<Conn>;
  /** Upgrades a request for a `/ws` path; `handled: false` for any other path (the HTTP app answers it). */
  upgrade(req: Request, server: Server<Conn>): Upgrade;
  /** Binds the edge to its server and starts the heartbeat and sweep timers. */
  start(server: Server<Conn>): void;
  stop(): void;
  stats(): WsStats;
}

const upgradeRequired = () =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Upgrade Required', status: 426, detail: 'This is a WebSocket endpoint: connect with a WebSocket client' }), {
    status: 426,
    headers: { 'Content-Type': 'application/problem+json', Upgrade: 'websocket' },
  });

/**
 * The WebSocket edge: `/ws` (subscribe to any market topic or pattern) and the seed paths
 * (`/ws/market/summary`, `/ws/asset/{symbol}/forecast|trends`, `/ws/chart/{symbol}?tf=`), on
 * Bun's native WebSocket and pub/sub. README.md beside this file has the protocol.
 */
export function createWsEdge(deps: WsDeps): WsEdge {
  const options = wsOptionsSchema.parse(deps.options ?? {});
  const log = deps.log ?? createLogger('warn');
  const now = deps.now ?? Date.now;
  const fanout = new Fanout(options, now, (conn, reason) => log.warn('closing a slow WebSocket client', { conn: conn.id, reason }));
  const hub = new Hub(deps.topics, fanout, options.maxSubscriptions, (what, e) => log.error(what, { error: String(e) }));
  const summary = new SummaryStream({ feed: deps.topics, system: deps.system, fanout, intervalMs: options.summaryMs, askTimeoutMs: options.askTimeoutMs, log });
  const timers: ReturnType<typeof setInterval>[] = [];
  let errors = 0;
  let nextId = 1;

  const error = (ws: Socket, frame: ErrorFrame) => {
    errors++;
    fanout.send(ws, controlFrame(frame));
  };

  /** A handler that failed: logged with its cause, closed with 1011 and nothing internal. */
  const failed = (ws: Socket, e: unknown) => {
    log.error('WebSocket handler failed', { conn: ws.data.id, route: ws.data.route.kind, error: String(e), stack: e instanceof Error ? e.stack : undefined });
    if (ws.readyState === 1) ws.close(CLOSE.internal, 'internal error; it has been logged');
  };

  function handle(ws: Socket, req: Inbound): void {
    if (req.op === 'ping') return fanout.send(ws, controlFrame({ type: 'pong', time: now() }));
    const checked = checkTopic(req.topic, deps.instruments);
    if (!checked.ok) {
      const { code, message, suggestions } = checked;
      return error(ws, { type: 'error', code, message, op: req.op, topic: req.topic, ...(suggestions ? { suggestions } : {}) });
    }
    const pattern = checked.pattern;
    if (req.op === 'subscribe') {
      if (!hub.subscribe(ws, pattern)) {
        error(ws, { type: 'error', code: 'too-many-subscriptions', op: req.op, topic: req.topic, message: `at most ${options.maxSubscriptions} subscriptions per connection: unsubscribe from one first` });
      }
    } else if (hub.unsubscribe(ws, pattern)) fanout.send(ws, controlFrame({ type: 'unsubscribed', topic: pattern }));
    else error(ws, { type: 'error', code: 'not-subscribed', op: req.op, topic: req.topic, message: `not subscribed to ${pattern}` });
  }

  const websocket: WebSocketHandler<Conn> = {
    maxPayloadLength: options.maxPayloadLength,
    backpressureLimit: options.backpressureLimit,
    // Closing is ours to do, with 4008 and a reason; past the limit Bun only drops.
    closeOnBackpressureLimit: false,
    perMessageDeflate: false,
    open(ws) {
      const route = ws.data.route;
      if (route.kind === 'refuse') {
        ws.data.open = false;
        return ws.close(route.code, route.reason);
      }
      fanout.add(ws);
      if (route.kind === 'summary') void summary.add(ws).catch((e) => failed(ws, e));
      else if (route.kind === 'model') {
        try {
          const opened = openModelStream(ws, deps.instruments.get(route.symbol), route.model, { hub, history: deps.history });
          if (!opened.ok) ws.close(opened.code, opened.reason);
        } catch (e) {
          // The history cannot be read (no database yet): a 503 on REST, "try again" here.
          if (e instanceof ProblemError && e.status === 503) ws.close(CLOSE.tryAgain, e.detail.slice(0, 120)); // a close reason is at most 123 bytes
          else failed(ws, e);
        }
      } else if (route.kind === 'chart') {
        openChart(ws, route.symbol, route.tf, { system: deps.system, hub, askTimeoutMs: options.askTimeoutMs })
          .then((opened) => {
            if (!opened.ok && ws.readyState === 1) ws.close(opened.code, opened.reason);
          })
          .catch((e) => failed(ws, e));
      }
    },
    message(ws, raw) {
      fanout.counters.messagesReceived++;
      if (!ws.data.open) return;
      const parsed = parseInbound(raw);
      if (!parsed.ok) return error(ws, parsed.error);
      handle(ws, parsed.req);
    },
    drain(ws) {
      fanout.drain(ws);
    },
    close(ws) {
      hub.drop(ws);
      summary.remove(ws);
      fanout.remove(ws);
    },
    error(e, ws) {
      failed(ws, e);
    },
  };

  return {
    options,
    websocket,
    upgrade(req, server) {
      const url = new URL(req.url);
      if (url.pathname !== '/ws' && !url.pathname.startsWith('/ws/')) return { handled: false };
      const route = routeOf(url, deps.instruments);
      if (!route) return { handled: false };
      if (server.upgrade(req, { data: newConn(nextId++, route) })) return { handled: true };
      return { handled: true, response: upgradeRequired() };
    },
    start(server) {
      fanout.attach(server);
      timers.push(
        setInterval(() => fanout.heartbeat(controlFrame({ type: 'heartbeat', time: now() })), options.heartbeatMs),
        setInterval(() => fanout.sweep(), options.sweepMs),
      );
    },
    stop() {
      for (const t of timers.splice(0)) clearInterval(t);
      summary.close();
      hub.close();
      fanout.attach(null);
    },
    stats: () => ({ ...fanout.stats(), errors, ...hub.stats() }),
  };
}
