import { afterEach, expect, test } from 'bun:test';
import type { SymbolView } from '../symbol/index.ts';
import type { YahooView } from './index.ts';
import { ActorSystem, address, topicPattern } from '../../engine/index.ts';
import { TESTING_KINDS } from '../../engine/testing/index.ts';
import { waitFor, type EngineEvent } from '../../engine/testing/harness.ts';
import { fixtureJson, fixtureText, scriptedServer, type ScriptedReply, type ScriptedServer } from '../../feeds/http/scripted-server.ts';

const KINDS = ['../symbol/index.ts', './index.ts'].map((m) => new URL(m, import.meta.url).href);
const DAY = 86_400_000;
const AAPL_BODY = fixtureText('yahoo/chart_v8_AAPL_1d_2020-08-31_2020-11-07_split_div.json');
const BTC_BODY = fixtureText('yahoo/chart_v8_BTC-USD_1d_2020-01-01_2020-01-03.json');

/** The last daily bar of a recorded chart, read straight from the JSON (not through the parser under test). */
function lastBar(path: string) {
  const result = (fixtureJson(path) as any).chart.result[0];
  const q = result.indicators.quote[0];
  return { open: q.open.at(-1), high: q.high.at(-1), low: q.low.at(-1), close: q.close.at(-1), volume: q.volume.at(-1), count: result.timestamp.length };
}
const AAPL = lastBar('yahoo/chart_v8_AAPL_1d_2020-08-31_2020-11-07_split_div.json');
const BTC = lastBar('yahoo/chart_v8_BTC-USD_1d_2020-01-01_2020-01-03.json');

/** waitFor, for checks that answer null (or undefined) until what they wait for is there. */
const found = async <T>(what: string, check: () => T | null | undefined | Promise<T | null | undefined>): Promise<T> => (await waitFor(what, check))!;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/** A real system with symbol actors for `symbols`, a local Yahoo answering `reply`, and what `feed.yahoo` said. */
async function start(symbols: Record<string, 'stock' | 'crypto'>, reply: (symbol: string, n: number) => ScriptedReply, options: Parameters<typeof ActorSystem.start>[0] = { behaviours: KINDS }) {
  const asked: Record<string, number> = {};
  const server: ScriptedServer = scriptedServer((url) => {
    const symbol = decodeURIComponent(url.pathname.split('/').at(-1)!);
    asked[symbol] = (asked[symbol] ?? 0) + 1;
    return reply(symbol, asked[symbol]! - 1);
  });
  const system = await ActorSystem.start({ workers: 2, ...options });
  cleanup = async () => {
    await system.shutdown();
    await server.stop();
  };
  const said: Record<string, unknown>[] = [];
  system.subscribe(topicPattern('feed.yahoo'), (msg) => void said.push(msg as Record<string, unknown>));
  const events: EngineEvent[] = [];
  system.onEvent((e) => events.push(e));
  for (const [symbol, assetClass] of Object.entries(symbols)) system.spawn('symbol', symbol, { symbol, assetClass });
  const view = (symbol: string) => system.ask<SymbolView>(address('symbol', symbol), { type: 'view' });
  return { system, server, said, events, view };
}

const noDrops = { 'not-finite': 0, 'non-positive': 0, 'out-of-order': 0, 'out-of-band': 0 };

test('every closed daily bar of every symbol reaches its symbol actor as four prints, volume on the close', async () => {
  const { system, server, said, view } = await start({ AAPL: 'stock', 'BTC-USD': 'crypto' }, (symbol) => ({ body: symbol === 'AAPL' ? AAPL_BODY : BTC_BODY }));
  const feed = system.spawn('yahoo', 'stocks', { symbols: ['AAPL', 'BTC-USD'], baseUrl: server.url });

  const stats = await found('both symbols told', async () => {
    const v = await system.ask<YahooView>(feed, { type: 'view' });
    return v.bars === AAPL.count + BTC.count ? v : null;
  });
  expect(stats).toMatchObject({ state: 'waiting', failing: [], lastError: null, prints: 4 * (AAPL.count + BTC.count), splits: 1 });
  expect(stats.last).toEqual({ AAPL: Date.UTC(2020, 10, 6), 'BTC-USD': Date.UTC(2020, 0, 3) });
  expect(Object.keys(stats.symbols)).toEqual(['AAPL', 'BTC-USD']);
  expect(server.requests.map((u) => u.pathname).sort()).toEqual(['/v8/finance/chart/AAPL', '/v8/finance/chart/BTC-USD']);
  expect(server.requests[0]!.searchParams.get('interval')).toBe('1d');

  const aapl = await found('the last AAPL print', async () => {
    const v = await view('AAPL');
    return v.time === Date.UTC(2020, 10, 6) + DAY - 1 ? v : null;
  });
  // The last trading day, whole: its four prints built exactly the recorded bar.
  expect(aapl.last).toBe(AAPL.close);
  expect(aapl.forming['1d']).toEqual({ tf: '1d', openTime: Date.UTC(2020, 10, 6), open: AAPL.open, high: AAPL.high, low: AAPL.low, close: AAPL.close, volume: AAPL.volume, prints: 4 });
  // The last 1m candle holds only the close print, which carries the day's volume.
  expect(aapl.forming['1m']).toMatchObject({ openTime: Date.UTC(2020, 10, 6, 23, 59), close: AAPL.close, volume: AAPL.volume, prints: 1 });
  expect(aapl.dropped).toEqual(noDrops);
  const btc = await found('the last BTC-USD print', async () => {
    const v = await view('BTC-USD');
    return v.time === Date.UTC(2020, 0, 3) + DAY - 1 ? v : null;
  });
  expect(btc.forming['1d']).toEqual({ tf: '1d', openTime: Date.UTC(2020, 0, 3), open: BTC.open, high: BTC.high, low: BTC.low, close: BTC.close, volume: BTC.volume, prints: 4 });
  expect(btc.dropped).toEqual(noDrops);

  expect(said).toEqual([
    { type: 'feed', name: 'yahoo', state: 'polling', failing: [], lastError: null },
    { type: 'feed', name: 'yahoo', state: 'waiting', failing: [], lastError: null },
  ]);
});

test('a 500 and then a 429: the feed says it is backing off, recovers by itself, and the bars arrive', async () => {
  const { system, server, said, view } = await start({ AAPL: 'stock' }, (_symbol, n) => {
    if (n === 0) return { status: 500, body: '<html>oops</html>' };
    if (n === 1) return { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '1' } };
    return { body: AAPL_BODY };
  });
  const feed = system.spawn('yahoo', 'stocks', { symbols: ['AAPL'], baseUrl: server.url, followMarketHours: false });

  const stats = await found('the recovery', async () => {
    const v = await system.ask<YahooView>(feed, { type: 'view' });
    return v.bars === AAPL.count ? v : null;
  });
  expect(stats.state).toBe('waiting');
  expect(stats.symbols['AAPL']).toMatchObject({ polls: 3, successes: 1, errors: { '500': 1, '429': 1 }, consecutiveFailures: 0, barsEmitted: AAPL.count });
  expect(said).toEqual([
    { type: 'feed', name: 'yahoo', state: 'polling', failing: [], lastError: null },
    { type: 'feed', name: 'yahoo', state: 'backing-off', failing: ['AAPL'], lastError: 'AAPL: HTTP 500' },
    { type: 'feed', name: 'yahoo', state: 'waiting', failing: [], lastError: null },
  ]);
  const aapl = await found('the last AAPL print', async () => {
    const v = await view('AAPL');
    return v.forming['1d']?.openTime === Date.UTC(2020, 10, 6) && v.forming['1d'].prints === 4 ? v : null;
  });
  expect(aapl.last).toBe(AAPL.close);
}, 20_000);

test('a malformed body is counted and dropped; the other symbol goes on, and so does the actor', async () => {
  const { system, server, said, events, view } = await start({ AAPL: 'stock', 'BTC-USD': 'crypto' }, (symbol, n) => {
    if (symbol === 'BTC-USD') return { body: BTC_BODY };
    return { body: n === 0 ? AAPL_BODY.slice(0, 500) : AAPL_BODY }; // cut off mid-response
  });
  const feed = system.spawn('yahoo', 'stocks', { symbols: ['AAPL', 'BTC-USD'], baseUrl: server.url, followMarketHours: false });

  const failing = await found('the bad body to be noticed', () => said.find((m) => m['state'] === 'backing-off'));
  expect(failing).toMatchObject({ failing: ['AAPL'], lastError: expect.stringMatching(/^AAPL: not JSON: /) });
  const stats = await found('both symbols told', async () => {
    const v = await system.ask<YahooView>(feed, { type: 'view' });
    return v.bars === AAPL.count + BTC.count ? v : null;
  });
  expect(stats.symbols['AAPL']).toMatchObject({ errors: { 'invalid-body': 1 }, successes: 1, consecutiveFailures: 0 });
  expect(stats.symbols['BTC-USD']).toMatchObject({ errors: {}, successes: 1 });
  expect(said.at(-1)).toEqual({ type: 'feed', name: 'yahoo', state: 'waiting', failing: [], lastError: null });
  // Nothing of the bad body was told: AAPL's candles are exactly the good response's.
  const aapl = await found('the last AAPL print', async () => {
    const v = await view('AAPL');
    return v.forming['1d']?.openTime === Date.UTC(2020, 10, 6) && v.forming['1d'].prints === 4 ? v : null;
  });
  expect(aapl.dropped).toEqual(noDrops);
  expect(events.filter((e) => ['supervision', 'actor-restarted', 'spawn-failed'].includes(e.type))).toEqual([]); // never crashed
}, 20_000);

test('a worker crash: the feed comes back from its snapshot, asks from its last bar, and tells nothing twice', async () => {
  const { system, server, events, view } = await start({ AAPL: 'stock' }, () => ({ body: AAPL_BODY }), {
    behaviours: [...KINDS, TESTING_KINDS],
    placement: { symbol: 0, yahoo: 1, counter: 1 },
  });
  const feed = system.spawn('yahoo', 'stocks', { symbols: ['AAPL'], baseUrl: server.url, followMarketHours: false });
  await waitFor('AAPL told', async () => (await system.ask<YahooView>(feed, { type: 'view' })).bars === AAPL.count);

  system.tell(system.spawn('counter', 'doomed'), { type: 'exit', code: 3 }); // takes worker 1, and the feed, with it
  await waitFor('the respawn', () => events.some((e) => e.type === 'worker-restarted'));
  await waitFor('the restored feed to ask again', () => server.requests.length === 2);
  expect(server.requests[1]!.searchParams.get('period1')).toBe(String(Date.UTC(2020, 10, 6) / 1000));

  const after = await found('the second answer', async () => {
    const v = await system.ask<YahooView>(feed, { type: 'view' });
    return v.symbols['AAPL']!.successes === 1 ? v : null;
  });
  expect(after).toMatchObject({ bars: AAPL.count, prints: 4 * AAPL.count, last: { AAPL: Date.UTC(2020, 10, 6) }, state: 'waiting' });
  expect(after.symbols['AAPL']!.barsEmitted).toBe(0); // the same response, but every bar in it was told before the crash
  await system.settle();
  const aapl = await view('AAPL');
  expect(aapl.forming['1d']).toMatchObject({ openTime: Date.UTC(2020, 10, 6), prints: 4 });
  expect(aapl.dropped).toEqual(noDrops);
}, 20_000);

test('symbols a symbol actor could not take are refused at spawn', async () => {
  const { system, events } = await start({}, () => ({ body: AAPL_BODY }));
  system.spawn('yahoo', 'indices', { symbols: ['^GSPC'] });
  const refused = await found('the refusal', () => events.find((e) => e.type === 'spawn-failed'));
  expect(String(refused['reason'])).toContain('symbol must be upper-case letters and digits');
});
