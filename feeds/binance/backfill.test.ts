import { afterAll, expect, test } from 'bun:test';
import { backfillKlines } from './backfill.ts';
import { fixture, startLocalBinance } from './testing/local-binance.ts';

const recorded = JSON.parse(fixture('rest_api_v3_klines_BTCUSDT_1m.json')) as unknown[][];
const openTimes = recorded.map((k) => k[0] as number);
const first = openTimes[0]!;
const last = openTimes.at(-1)!;
const venue = startLocalBinance({ streams: ['btcusdt@kline_1m'], klines: recorded, klinesSymbol: 'BTCUSDT' });
afterAll(() => venue.stop());

const base = { symbol: 'BTCUSDT', interval: '1m', startTime: first, endTime: last, restBase: venue.restBase } as const;

test('the recorded klines come back as bars, in one page', async () => {
  const r = await backfillKlines(base);
  expect(r.ok).toBe(true);
  expect(r.pages).toBe(1);
  expect(r.bars.length).toBe(10);
  expect(r.bars[0]).toEqual({ openTime: 1634943780000, open: 60685.22, high: 60729.84, low: 60670.9, close: 60719.27, volume: 21.63272 });
  expect(r.bars.map((b) => b.openTime)).toEqual(openTimes);
});

test('pages follow each other by startTime until a short page', async () => {
  venue.klineRequests.length = 0;
  const r = await backfillKlines({ ...base, limit: 3 });
  expect({ ok: r.ok, pages: r.pages, n: r.bars.length }).toEqual({ ok: true, pages: 4, n: 10 });
  expect(venue.klineRequests.map((u) => Number(u.searchParams.get('startTime')))).toEqual([0, 3, 6, 9].map((i) => openTimes[i]!));
  expect(venue.klineRequests[0]!.searchParams.get('symbol')).toBe('BTCUSDT');
  // A window inside the recording gives just its bars.
  const inner = await backfillKlines({ ...base, startTime: openTimes[2]!, endTime: openTimes[4]! });
  expect(inner.bars.map((b) => b.openTime)).toEqual(openTimes.slice(2, 5));
  expect(await backfillKlines({ ...base, startTime: last + 60_000, endTime: last })).toEqual({ ok: true, bars: [], pages: 0 });
});

test('an HTTP error is reported with its status and Binance’s message', async () => {
  const r = await backfillKlines({ ...base, symbol: 'NOPE' });
  expect(r.ok).toBe(false);
  expect(!r.ok && r.reason).toBe(`GET ${venue.restBase}/api/v3/klines?symbol=NOPE&interval=1m&startTime=${first}&endTime=${last}&limit=1000: HTTP 400: {"code":-1121,"msg":"Invalid symbol."}`);
});

test('a malformed body names the field; what earlier pages gave is kept', async () => {
  const badOpen = recorded.map((k, i) => (i === 4 ? [k[0], 60000.1, ...k.slice(2)] : k)); // open as a number
  const pages = [recorded.slice(0, 3), badOpen.slice(3, 6)];
  let calls = 0;
  const r = await backfillKlines({ ...base, limit: 3, fetch: async () => Response.json(pages[calls++]) });
  expect(r).toMatchObject({ ok: false, pages: 2 });
  expect(!r.ok && r.reason).toEndWith(': body[1][1]: Invalid input: expected string, received number');
  expect(r.bars.length).toBe(3);
});

test('network failures, non-JSON bodies and pages that do not advance are reported, never thrown', async () => {
  const refused = await backfillKlines({ ...base, restBase: 'http://127.0.0.1:1' });
  expect(!refused.ok && refused.reason).toContain('request failed');
  const html = await backfillKlines({ ...base, fetch: async () => new Response('<html>busy</html>') });
  expect(!html.ok && html.reason).toContain('body is not JSON');
  const stuck = await backfillKlines({ ...base, limit: 2, fetch: async () => Response.json(recorded.slice(0, 2)) });
  expect(!stuck.ok && stuck.reason).toContain('page did not advance');
  const reversed = await backfillKlines({ ...base, fetch: async () => Response.json([...recorded].reverse()) });
  expect(!reversed.ok && reversed.reason).toContain(`bar at ${openTimes[8]}: opens at or before the previous bar (${last})`);
  const thrower = await backfillKlines({ ...base, fetch: () => Promise.reject(new Error('socket hang up')) });
  expect(!thrower.ok && thrower.reason).toEndWith('request failed: socket hang up');
  const limited = await backfillKlines({ ...base, fetch: async () => new Response('{"code":-1003,"msg":"Too many requests"}', { status: 429 }) });
  expect(!limited.ok && limited.reason).toContain('HTTP 429: {"code":-1003');
});

test('the number of pages is bounded', async () => {
  const r = await backfillKlines({ ...base, limit: 1, maxPages: 3 });
  expect(r).toMatchObject({ ok: false, pages: 3, reason: `still not at ${last} after 3 pages` });
  expect(r.bars.length).toBe(3);
});
