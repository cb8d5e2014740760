import { afterAll, beforeAll, expect, test } from 'bun:test';
import { LiveSocket, statusText, type LiveStatus } from './live.ts';

/**
 * LiveSocket against a real WebSocket server (Bun's): the server closes each first connection
 * to a path to see the client come back, answers frames with their echo, and refuses
 * `/unknown` with 4404 as the edge refuses an unknown symbol.
 */
let server: ReturnType<typeof Bun.serve<{ path: string }>>;
const connections = new Map<string, number>();

beforeAll(() => {
  server = Bun.serve<{ path: string }>({
    port: 0,
    hostname: '127.0.0.1',
    fetch: (req, srv) => (srv.upgrade(req, { data: { path: new URL(req.url).pathname } }) ? undefined : new Response('no', { status: 426 })),
    websocket: {
      open(ws) {
        const n = (connections.get(ws.data.path) ?? 0) + 1;
        connections.set(ws.data.path, n);
        if (ws.data.path === '/unknown') return ws.close(4404, 'Unknown symbol "BTCUSD": did you mean BTCUSDT?');
        if (ws.data.path === '/flaky' && n === 1) return ws.close(1011, 'handler failed');
        ws.send(JSON.stringify({ type: 'hello', n }));
      },
      message(ws, msg) {
        ws.send(JSON.stringify({ type: 'echo', of: JSON.parse(String(msg)) as unknown }));
        if (String(msg) === '{"junk":true}') ws.send('not json');
      },
    },
  });
  // The page's own location: the socket connects to the server that served it.
  (globalThis as { location?: unknown }).location = new URL(server.url.href);
});
afterAll(() => {
  server.stop(true);
  delete (globalThis as { location?: unknown }).location;
});

const until = async (what: string, check: () => boolean, ms = 5_000) => {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(10);
  }
};

test('a closed connection comes back by itself, and what onOpen sends is sent again', async () => {
  const frames: unknown[] = [];
  const statuses: LiveStatus['state'][] = [];
  const live = new LiveSocket({
    path: '/flaky',
    onOpen: (send) => send({ op: 'subscribe', topic: 'tick.BTCUSDT' }),
    onFrame: (f) => frames.push(f),
    onStatus: (s) => statuses.push(s.state),
  });
  try {
    await until('the echo of the subscription after the reconnection', () => frames.some((f) => (f as { type: string }).type === 'echo'));
    expect(connections.get('/flaky')).toBe(2);
    expect(frames).toEqual([
      { type: 'hello', n: 2 },
      { type: 'echo', of: { op: 'subscribe', topic: 'tick.BTCUSDT' } },
    ]);
    // connecting, open, lost (1011), connecting again, open.
    expect(statuses).toEqual(['connecting', 'open', 'retrying', 'connecting', 'open']);
    expect(live.send({ junk: true })).toBe(true);
    await until('the echo of the junk request', () => frames.length === 3);
    // A frame that is not JSON is dropped, not handed on.
    await Bun.sleep(50);
    expect(frames).toHaveLength(3);
  } finally {
    live.close();
  }
});

test('a close code that says retrying cannot help ends it, with the reason for the page', async () => {
  let status = { state: 'connecting' } as LiveStatus;
  const live = new LiveSocket({ path: '/unknown', onFrame: () => {}, onStatus: (s) => (status = s) });
  await until('the close', () => status.state === 'closed');
  await Bun.sleep(800); // longer than the first retry would wait
  expect(connections.get('/unknown')).toBe(1);
  expect(status).toEqual({ state: 'closed', code: 4404, reason: 'Unknown symbol "BTCUSD": did you mean BTCUSDT?' });
  expect(statusText(status, 'Live candles')).toBe('Live candles stopped: Unknown symbol "BTCUSD": did you mean BTCUSDT?');
  expect(live.send({ op: 'ping' })).toBe(false);
  live.close();
});

test('closed by the page, it stays closed', async () => {
  let opened = 0;
  const live = new LiveSocket({ path: '/quiet', onFrame: () => {}, onOpen: () => opened++ });
  await until('the first open', () => opened === 1);
  live.close();
  await Bun.sleep(800);
  expect(opened).toBe(1);
  expect(statusText({ state: 'retrying', retryInMs: 2_400, code: 1006, reason: 'connection lost' })).toBe('Live updates paused (connection lost); reconnecting in 3 s…');
});
