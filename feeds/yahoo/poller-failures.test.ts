import { afterEach, expect, test } from 'bun:test';
import { LiveClock } from '../../engine/clock/live-clock.ts';
import { SimClock } from '../../engine/clock/sim-clock.ts';
import { waitFor } from '../../engine/testing/harness.ts';
import type { Bar } from '../../market/candles/candle.ts';
import { aaplMinutesBody, OCT2_SESSION } from './fixture-bodies.ts';
import { SLOW_POLL_MS } from './hours.ts';
import { YahooPoller, type YahooPollerOptions } from './poller.ts';
import { scriptedServer, type ScriptedReply, type ScriptedServer } from '../http/scripted-server.ts';

const MIN = 60_000;
const T0 = OCT2_SESSION.start + 5 * MIN; // in session, five bars closed
const servers: ScriptedServer[] = [];
let poller: YahooPoller | undefined;
afterEach(async () => {
  poller?.stop();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

function setup(reply: (i: number) => ScriptedReply | Promise<ScriptedReply>, options: Partial<YahooPollerOptions> = {}) {
  const server = scriptedServer((_, i) => reply(i));
  servers.push(server);
  const clock = new SimClock(T0);
  const bars: Bar[] = [];
  const p = new YahooPoller({ symbol: 'AAPL', interval: '1m', clock, fetch, random: () => 0, onBars: (b) => bars.push(...b), baseUrl: server.url, ...options });
  poller = p;
  const settled = (polls: number) => waitFor(`poll ${polls} to settle`, () => p.stats().polls === polls && p.stats().state !== 'polling');
  return { clock, bars, p, server, settled };
}
const ok: ScriptedReply = { body: aaplMinutesBody(6) };

test('429 with Retry-After: waits as long as asked, then recovers', async () => {
  const { clock, bars, p, settled } = setup((i) => (i === 0 ? { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '7' } } : ok));
  p.start();
  await settled(1);
  expect(p.stats()).toMatchObject({ state: 'backing-off', errors: { '429': 1 }, consecutiveFailures: 1, lastError: 'HTTP 429', nextPollAt: T0 + 7_000 });
  expect(bars).toEqual([]);
  clock.advanceTo(T0 + 7_000);
  await settled(2);
  expect(bars).toHaveLength(5);
  expect(p.stats()).toMatchObject({ state: 'waiting', consecutiveFailures: 0, successes: 1, errors: { '429': 1 } });
});

test('5xx: exponential backoff (jitter at its floor here), then recovery resets it', async () => {
  const statuses = [500, 503, 500];
  const { clock, bars, p, settled } = setup((i) => (i < statuses.length ? { status: statuses[i], body: '<html>oops</html>' } : ok), { backoff: { baseMs: 1_000, maxMs: 3_000 } });
  p.start();
  const waits: number[] = [];
  for (let n = 1; n <= 3; n++) {
    await settled(n);
    const next = p.stats().nextPollAt!;
    waits.push(next - clock.now());
    clock.advanceTo(next);
  }
  await settled(4);
  expect(waits).toEqual([500, 1_000, 1_500]); // half of 1 s, 2 s, then 4 s capped at 3 s
  expect(p.stats()).toMatchObject({ state: 'waiting', errors: { '500': 2, '503': 1 }, consecutiveFailures: 0, lastError: 'HTTP 500' });
  expect(bars).toHaveLength(5);
});

test("an unknown symbol is rejected with Yahoo's reason and retried slowly", async () => {
  const notFound = JSON.stringify({ chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } });
  const { p, settled } = setup(() => ({ status: 404, body: notFound }));
  p.start();
  await settled(1);
  expect(p.stats()).toMatchObject({
    state: 'rejected',
    errors: { '404': 1 },
    lastError: 'HTTP 404: chart.error Not Found: No data found, symbol may be delisted',
    nextPollAt: T0 + SLOW_POLL_MS,
  });
});

test('a 200 with a body that is not a chart is an error, with where it went wrong', async () => {
  const bodies = ['<!doctype html>', JSON.stringify({ chart: { result: [{ meta: { symbol: 'AAPL' } }], error: null } })];
  const { clock, p, settled } = setup((i) => ({ body: bodies[i] ?? '' }));
  p.start();
  await settled(1);
  expect(p.stats()).toMatchObject({ state: 'backing-off', errors: { 'invalid-body': 1 } });
  expect(p.stats().lastError).toStartWith('not JSON: ');
  clock.advanceTo(p.stats().nextPollAt!);
  await settled(2);
  expect(p.stats().lastError).toBe('chart.result[0].meta.exchangeTimezoneName: Invalid input: expected string, received undefined');
});

test('no answer: the request is abandoned at the timeout on the injected clock; a refused connection is a network error', async () => {
  let release!: () => void;
  const held = new Promise<ScriptedReply>((resolve) => (release = () => resolve(ok)));
  const { clock, p, server, settled } = setup(() => held, { requestTimeoutMs: 5_000 });
  p.start();
  await waitFor('the request to arrive', () => server.requests.length === 1);
  clock.advanceBy(5_000);
  await settled(1);
  expect(p.stats()).toMatchObject({ state: 'backing-off', errors: { network: 1 }, lastError: 'no answer within 5000 ms' });
  release();

  await server.stop();
  clock.advanceTo(p.stats().nextPollAt!);
  await settled(2);
  expect(p.stats().errors).toEqual({ network: 2 });
});

test('stop() during a request: the answer is dropped and no timer is left', async () => {
  let release!: () => void;
  const held = new Promise<ScriptedReply>((resolve) => (release = () => resolve(ok)));
  const { clock, bars, p, server } = setup(() => held);
  p.start();
  await waitFor('the request to arrive', () => server.requests.length === 1);
  p.stop();
  release();
  await Bun.sleep(20);
  expect(bars).toEqual([]);
  expect(p.stats()).toMatchObject({ state: 'stopped', polls: 1, nextPollAt: null });
  expect(clock.nextTimerAt()).toBe(Infinity);
  p.start(); // a stopped poller stays stopped
  expect(p.stats().polls).toBe(1);
});

test('on the live clock with small delays: a 500, a retry, then bars', async () => {
  const clock = new LiveClock();
  const server = scriptedServer((_, i) => (i === 0 ? { status: 500, body: '' } : { body: aaplMinutesBody(6) }));
  servers.push(server);
  const bars: Bar[] = [];
  const p = new YahooPoller({ symbol: 'AAPL', interval: '1m', clock, fetch, random: Math.random, onBars: (b) => bars.push(...b), baseUrl: server.url, pollMs: 20, followMarketHours: false, backoff: { baseMs: 10, maxMs: 20 } });
  poller = p;
  p.start();
  await waitFor('bars after the retry', () => bars.length > 0, 5_000);
  p.stop();
  expect(bars).toHaveLength(6); // the live clock is long past 2024-10-02: all six minutes are closed
  expect(p.stats()).toMatchObject({ state: 'stopped', errors: { '500': 1 }, nextPollAt: null });
});
