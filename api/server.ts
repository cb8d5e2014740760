import type { Server } from 'bun';
import type { App } from './app.ts';
import { withTradeStream, type TradeStream, type TradeStreamConn } from './alpaca/index.ts';
import { createWsEdge, type Conn, type WsDeps, type WsEdge } from './ws/index.ts';

export interface RunningServer {
  /** Where the server listens, e.g. `http://127.0.0.1:3000/`. */
  url: string;
  /** The bound port: the real one when 0 asked for any free port. */
  port: number;
  /** The WebSocket edge, when one was asked for: `ws.stats()` feeds /metrics. */
  ws?: WsEdge;
  /** Stops accepting, closes open connections (WebSockets with 1001), resolves once closed. */
  stop(): Promise<void>;
}

/**
 * Binds the HTTP app, and with `ws` the WebSocket edge, to one port: `/ws` paths are upgraded,
 * everything else is the app's. `ws` is either the edge's dependencies or an edge already
 * built (so a /metrics route built before the server can read its stats). With `trades`,
 * Alpaca's trading stream is upgraded at `/stream` (api/alpaca/stream.ts).
 */
export function startServer(app: Pick<App, 'fetch'>, opts: { port: number; host: string }, ws?: WsDeps | WsEdge, trades?: TradeStream): RunningServer {
  const edge = ws === undefined ? undefined : 'websocket' in ws ? ws : createWsEdge(ws);
  const sockets = edge?.websocket ?? { message() {} };
  // Alpaca's trading stream (`/stream`) shares the server's one WebSocket handler; each connection's data says whose it is.
  const server = Bun.serve<Conn | TradeStreamConn>({
    port: opts.port,
    hostname: opts.host,
    fetch(req, srv) {
      if (trades) {
        const upgraded = trades.upgrade(req, srv as Server<TradeStreamConn>);
        if (upgraded.handled) return upgraded.response;
      }
      if (edge) {
        const upgraded = edge.upgrade(req, srv as Server<Conn>);
        if (upgraded.handled) return upgraded.response;
      }
      return app.fetch(req, srv);
    },
    // Bun wants a websocket handler to upgrade at all; without an edge or a stream, nothing ever is.
    websocket: trades ? withTradeStream(sockets, trades) : (sockets as Bun.WebSocketHandler<Conn | TradeStreamConn>),
  });
  edge?.start(server as Server<Conn>);
  return {
    url: server.url.href,
    port: server.port ?? opts.port,
    ...(edge ? { ws: edge } : {}),
    // Closing active (keep-alive) connections too, or a shutdown waits on idle clients.
    stop: async () => {
      await server.stop(true);
      edge?.stop();
      trades?.stop();
    },
  };
}
