import { afterEach, expect, test } from 'bun:test';
import { SimClock } from '../../engine/clock/sim-clock.ts';
import { waitFor } from '../../engine/testing/harness.ts';
import type { Bar } from '../../market/candles/candle.ts';
import { fixtureText, scriptedServer, type ScriptedReply, type ScriptedServer } from '../http/scripted-server.ts';
import { FredPoller } from './poller.ts';

const T0 = Date.UTC(2020, 4, 20, 9);
const KEY = 'abcdef0123456789abcdef0123456789';
const ok: ScriptedReply = { body: fixtureText('fred/series_observations_UNRATE_1990-01-01.json') };
const servers: ScriptedServer[] = [];
let poller: FredPoller | undefined;
afterEach(async () => {
  poller?.stop();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

function setup(reply: (i: number) => ScriptedReply) {
  const server = scriptedServer((_, i) => reply(i));
  servers.push(server);
  const clock = new SimClock(T0);
  const bars: Bar[] = [];
  const p = new FredPoller({ seriesId: 'UNRATE', apiKey: KEY, clock, fetch, random: () => 0, onBars: (b) => bars.push(...b), baseUrl: server.url });
  poller = p;
  const settled = (polls: number) => waitFor(`look ${polls} to settle`, () => p.stats().polls === polls && p.stats().state !== 'polling');
  return { clock, bars, p, server, settled };
}

test('429 with Retry-After, then a 500: backs off as asked, then exponentially, then recovers', async () => {
  const replies: ScriptedReply[] = [{ status: 429, body: '', headers: { 'retry-after': '3' } }, { status: 500, body: 'Internal Server Error' }, ok];
  const { clock, bars, p, settled } = setup((i) => replies[Math.min(i, 2)]!);
  p.start();
  await settled(1);
  expect(p.stats()).toMatchObject({ state: 'backing-off', errors: { '429': 1 }, nextPollAt: T0 + 3_000 });
  clock.advanceTo(T0 + 3_000);
  await settled(2);
  expect(p.stats()).toMatchObject({ state: 'backing-off', errors: { '429': 1, '500': 1 }, consecutiveFailures: 2, nextPollAt: T0 + 4_000 });
  clock.advanceTo(T0 + 4_000);
  await settled(3);
  expect(bars).toHaveLength(364);
  expect(p.stats()).toMatchObject({ state: 'waiting', consecutiveFailures: 0, nextPollAt: Date.UTC(2020, 4, 20, 14) });
});

test('a refused key is rejected with FRED’s reason until the next daily look, and the key is never echoed', async () => {
  const refusal = JSON.stringify({ error_code: 400, error_message: 'Bad Request.  The value for variable api_key is not registered.  Read https://research.stlouisfed.org/docs/api/api_key.html for more information.' });
  const { p, settled } = setup(() => ({ status: 400, body: refusal }));
  p.start();
  await settled(1);
  expect(p.stats()).toMatchObject({ state: 'rejected', errors: { '400': 1 }, nextPollAt: Date.UTC(2020, 4, 20, 14) });
  expect(p.stats().lastError).toStartWith('HTTP 400: FRED error 400: Bad Request.  The value for variable api_key is not registered.');
});

test('a refused connection and a malformed body are counted; neither message carries the key', async () => {
  const { clock, p, server, settled } = setup(() => ({ body: '{"observations": "none"}' }));
  p.start();
  await settled(1);
  expect(p.stats()).toMatchObject({ errors: { 'invalid-body': 1 }, lastError: 'count: Invalid input: expected number, received undefined' });
  await server.stop();
  clock.advanceTo(p.stats().nextPollAt!);
  await settled(2);
  expect(p.stats().errors).toEqual({ 'invalid-body': 1, network: 1 });
  expect(p.stats().lastError).not.toContain(KEY);
  p.stop();
  expect(clock.nextTimerAt()).toBe(Infinity);
});

test('a network error quoting the request URL has the key masked', async () => {
  const clock = new SimClock(T0);
  const failing = async (url: string): Promise<Response> => {
    throw new Error(`connection reset while fetching ${url}`);
  };
  const p = new FredPoller({ seriesId: 'UNRATE', apiKey: KEY, clock, fetch: failing, random: () => 0, onBars: () => {} });
  poller = p;
  p.start();
  await waitFor('the failure', () => p.stats().state === 'backing-off');
  expect(p.stats().lastError).toBe('connection reset while fetching https://api.stlouisfed.org/fred/series/observations?series_id=UNRATE&api_key=***&file_type=json&observation_start=1776-07-04');
});
