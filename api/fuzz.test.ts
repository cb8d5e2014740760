// Thousands of malformed requests against a started Tickflow: no 5xx, no crash, still serving.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { seededRandom } from '../engine/random.ts';
import { pollHealth, startMain } from './testing/start-main.ts';

const random = seededRandom(20_210_420);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const SYMBOLS = ['BTCUSDT', 'btcusdt', 'AAPL', 'DGS10', 'NOPE', '', ' ', '%00', '..%2F..%2Fetc', 'B'.repeat(5_000), '😀', '%E0%A4%A', "'; DROP TABLE candles;--", '<script>'];
const VALUES = ['', '-1', '0', '1', '1.5', 'NaN', 'Infinity', '1e309', '99999999999999999999', 'abc', '2021-02-30', '2021-04-20T00:00:00Z', '%', '[]', '{}', 'null', 'x'.repeat(3_000)];
const PATHS = [
  (s: string) => `/api/asset/${s}/candles`,
  (s: string) => `/api/asset/${s}/indicators`,
  (s: string) => `/api/asset/${s}/forecast`,
  (s: string) => `/api/asset/${s}/trends`,
  (s: string) => `/api/symbols/${s}`,
  () => '/api/market/summary',
  () => '/api/assets/search',
  () => '/api/stocks',
  () => '/api/sectors',
  () => '/api/admin/actors',
  () => '/api/health',
  () => '/metrics',
  () => '/openapi.json',
  (s: string) => `/${s}`,
  (s: string) => `/api/${s}/${s}`,
];
const PARAMS = ['tf', 'from', 'to', 'limit', 'class', 'q', 'sector', 'timeframe', 'tf[]', '__proto__', 'constructor'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const BODIES = [undefined, '{', '{"a":', 'null', '[]', '{"__proto__":{"x":1}}', '\u0000\u0001', 'x'.repeat(200_000), JSON.stringify({ deep: JSON.parse('['.repeat(500) + ']'.repeat(500)) })];
const HEADERS: Record<string, string>[] = [
  {},
  { Authorization: 'Bearer ' },
  { Authorization: 'Basic Zm9vOmJhcg==' },
  { 'X-API-Key': 'k'.repeat(4_000) },
  { 'X-Request-Id': '\t\u007f' },
  { 'Content-Type': 'application/json' },
  { 'Content-Type': 'text/plain; charset=nope' },
  { Origin: 'https://evil.example' },
  { Accept: 'application/xml' },
];

function malformed(): { path: string; init: RequestInit } {
  const query = Array.from({ length: Math.floor(random() * 4) }, () => `${encodeURIComponent(pick(PARAMS))}=${encodeURIComponent(pick(VALUES))}`).join('&');
  const path = pick(PATHS)(encodeURI(pick(SYMBOLS)).replaceAll('%25', '%'));
  const method = pick(METHODS);
  const body = method === 'GET' || method === 'HEAD' ? undefined : pick(BODIES);
  return { path: query ? `${path}?${query}` : path, init: { method, body, headers: pick(HEADERS) } };
}

let main: Awaited<ReturnType<typeof startMain>>;
let url: string;
beforeAll(async () => {
  main = await startMain([], { RATE_LIMIT_PER_SEC: '0' });
  url = main.url;
  await pollHealth(url, 15_000);
}, 30_000);
afterAll(async () => {
  main.child.kill('SIGTERM');
  await main.child.exited;
});

/** After the abuse: the process is still running, and healthy. */
async function expectStillServing(): Promise<void> {
  expect(main.child.exitCode).toBeNull();
  expect((await pollHealth(url, 5_000)).status).toBe(200);
}

test('3,000 malformed requests: zero 5xx, no crash, and the server still serves', async () => {
  const statuses = new Map<number, number>();
  const fiveXX: string[] = [];
  for (let round = 0; round < 150; round++) {
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const { path, init } = malformed();
        const res = await fetch(new URL(path, url), init);
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) fiveXX.push(`${init.method} ${path.slice(0, 120)} → ${res.status}`);
      }),
    );
  }
  expect(fiveXX).toEqual([]);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(3_000);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(0); // the fuzzer reaches validation, not only 404s
  await expectStillServing();
}, 120_000);

const FRAMES = ['', '{', 'null', '[]', '42', '"subscribe"', '{"op":"subscribe"}', '{"op":"subscribe","topic":42}', '{"op":"subscribe","topic":"candle.NOPE.1m"}', '{"op":"subscribe","topic":"..."}', '{"op":"subscribe","topic":"*"}', '{"op":"unsubscribe","topic":"tick.BTCUSDT"}', '{"op":"explode"}', '{"op":"ping","extra":{"__proto__":{}}}', '\u0000'.repeat(100)];

test('a thousand malformed WebSocket frames: error frames, and the connection and the server carry on', async () => {
  const socket = new WebSocket(new URL('/ws', url.replace('http', 'ws')));
  const frames: { type: string; code?: string; seq?: number; topic?: string }[] = [];
  socket.onmessage = (e) => frames.push(JSON.parse(String(e.data)));
  await new Promise((resolve, reject) => ((socket.onopen = resolve), (socket.onerror = reject)));
  for (let i = 0; i < 1_000; i++) socket.send(pick(FRAMES));
  // Still a working connection: a real subscription gets its deltas after all that.
  socket.send(JSON.stringify({ op: 'subscribe', topic: 'candle.BTCUSDT.1m' }));
  const deadline = performance.now() + 15_000;
  while (!frames.some((f) => f.type === 'delta') && performance.now() < deadline) await Bun.sleep(50);
  expect(frames.filter((f) => f.type === 'error').length).toBeGreaterThan(500);
  expect(frames.some((f) => f.type === 'subscribed' && f.topic === 'candle.BTCUSDT.1m')).toBe(true);
  const deltas = frames.filter((f) => f.type === 'delta' && f.topic === 'candle.BTCUSDT.1m');
  expect(deltas.length).toBeGreaterThan(0);
  expect(deltas.every((f, i) => i === 0 || f.seq! > deltas[i - 1]!.seq!)).toBe(true);
  expect(socket.readyState).toBe(WebSocket.OPEN);
  socket.close();
  await expectStillServing();
}, 120_000);
