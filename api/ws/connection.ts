import type { ServerWebSocket } from 'bun';
import type { WsRoute } from './paths.ts';

/** A frame waiting for a lagging connection: the text, or how to build it when it is sent. */
export type Pending = string | (() => string);

/** A connection taken off the fan-out because it reads too slowly. */
export interface Lag {
  /** When it started lagging (ms): past `slowCloseMs` it is closed. */
  since: number;
  /** The newest frame per key (a topic, or one key per reply), in first-queued order. */
  pending: Map<string, Pending>;
}

/** What the edge keeps per WebSocket (`ws.data`). */
export interface Conn {
  readonly id: number;
  readonly route: WsRoute;
  /** Canonical topics and patterns it subscribed to. */
  readonly subs: Set<string>;
  /** Bun pub/sub channels it belongs to; it is in them in Bun only while it keeps up. */
  readonly channels: Set<string>;
  lag: Lag | null;
  /** False from the moment it is closed or being closed: nothing more is queued for it. */
  open: boolean;
}

export type Socket = ServerWebSocket<Conn>;

export const newConn = (id: number, route: WsRoute): Conn => ({ id, route, subs: new Set(), channels: new Set(), lag: null, open: true });
