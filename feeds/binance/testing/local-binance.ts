import { readFileSync } from 'node:fs';
import type { ServerWebSocket } from 'bun';

/** The recorded Binance payloads, for tests. */
export const FIXTURES = new URL('../../../fixtures/binance/', import.meta.url);
export const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

/** A WebSocket capture: the URL it was recorded from, its streams, and its frames in order. */
export interface Capture {
  readonly url: string;
  readonly streams: string[];
  readonly frames: string[];
}

/** Line 1 is `<url> <-> <connect time>`; every other line `<receive time>: <frame>`. */
export function readCapture(name: string): Capture {
  const [header = '', ...lines] = fixture(name).split('\n');
  const url = header.split(' <-> ')[0]!;
  const streams = new URL(url).searchParams.get('streams')?.split('/') ?? [];
  const frames = lines.filter((l) => l !== '').map((l) => l.slice(l.indexOf(': ') + 2));
  return { url, streams, frames };
}

export interface LocalBinanceOptions {
  /** The streams a client must ask for, in any order; anything else is refused with HTTP 400, as Binance does. */
  streams: readonly string[];
  /** Called when connection number `n` (from 0) opens: the test decides what it is sent. */
  onConnection?: (ws: ServerWebSocket<unknown>, n: number) => void;
  /** Served by GET /api/v3/klines for `klinesSymbol`, filtered by startTime, endTime and limit. */
  klines?: unknown[][];
  klinesSymbol?: string;
  /** Replaces the klines route's answer, to serve failures. */
  klinesResponse?: (url: URL) => Response;
}

/**
 * A stand-in for Binance on 127.0.0.1, any free port: the combined-stream WebSocket route and
 * the REST klines route. It records what clients did (connections, pongs, REST requests).
 */
export function startLocalBinance(o: LocalBinanceOptions) {
  let connections = 0;
  const pongs: string[] = [];
  const klineRequests: URL[] = [];
  const expected = [...o.streams].sort().join('/');

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch(req, srv) {
      const url = new URL(req.url);
      if (url.pathname === '/stream') {
        const asked = (url.searchParams.get('streams') ?? '').split('/').sort().join('/');
        if (asked !== expected) return Response.json({ code: -1, msg: `unexpected streams ${asked}` }, { status: 400 });
        return srv.upgrade(req) ? undefined : new Response('upgrade failed', { status: 500 });
      }
      if (url.pathname === '/api/v3/klines') {
        klineRequests.push(url);
        return o.klinesResponse?.(url) ?? klines(url, o);
      }
      return new Response('not found', { status: 404 });
    },
    websocket: {
      open(ws) {
        const n = connections++;
        o.onConnection?.(ws, n);
      },
      message() {},
      pong: (_ws, data) => void pongs.push(data.toString()),
    },
  });

  return {
    wsBase: `ws://127.0.0.1:${server.port}`,
    restBase: `http://127.0.0.1:${server.port}`,
    get connections() {
      return connections;
    },
    pongs,
    klineRequests,
    stop: () => server.stop(true),
  };
}

function klines(url: URL, o: LocalBinanceOptions): Response {
  const q = url.searchParams;
  if (q.get('symbol') !== o.klinesSymbol) return Response.json({ code: -1121, msg: 'Invalid symbol.' }, { status: 400 });
  const start = Number(q.get('startTime') ?? 0);
  const end = Number(q.get('endTime') ?? Infinity);
  const limit = Number(q.get('limit') ?? 500);
  const rows = (o.klines ?? []).filter((k) => (k[0] as number) >= start && (k[0] as number) <= end).slice(0, limit);
  return Response.json(rows);
}
