import { afterEach, expect, test } from 'bun:test';
import { SimClock } from '../../engine/clock/sim-clock.ts';
import { waitFor } from '../../engine/testing/harness.ts';
import type { Bar } from '../../market/candles/candle.ts';
import { fixtureJson, fixtureText, scriptedServer, type ScriptedReply, type ScriptedServer } from '../http/scripted-server.ts';
import { FredPoller, type FredPollerOptions } from './poller.ts';

const T0 = Date.UTC(2020, 4, 20, 9); // the day the fixtures were recorded, before the daily look at 14:00 UTC
const KEY = 'abcdef0123456789abcdef0123456789';
let server: ScriptedServer | undefined;
let poller: FredPoller | undefined;
afterEach(async () => {
  poller?.stop();
  await server?.stop();
});

type Observation = { realtime_start: string; realtime_end: string; date: string; value: string };

/**
 * Answers like FRED from the recorded UNRATE observations (plus `later` ones, as if released
 * since): from observation_start on, `pageSize` at a time from the offset asked for.
 */
function unrateLike(later: () => Observation[], pageSize = 100_000) {
  return (url: URL): ScriptedReply => {
    const recorded = fixtureJson('fred/series_observations_UNRATE_1990-01-01.json') as any;
    const all: Observation[] = [...recorded.observations, ...later()].filter((o) => o.date >= url.searchParams.get('observation_start')!);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    return { body: JSON.stringify({ ...recorded, count: all.length, offset, limit: pageSize, observations: all.slice(offset, offset + pageSize) }) };
  };
}
const may2020: Observation = { realtime_start: '2020-06-05', realtime_end: '2020-06-05', date: '2020-05-01', value: '13.3' };

function setup(reply: (url: URL, i: number) => ScriptedReply | Promise<ScriptedReply>, options: Partial<FredPollerOptions> = {}) {
  server = scriptedServer(reply);
  const clock = new SimClock(T0);
  const batches: Bar[][] = [];
  const p = new FredPoller({ seriesId: 'UNRATE', apiKey: KEY, clock, fetch, random: () => 0, onBars: (b) => batches.push(b), baseUrl: server.url, ...options });
  poller = p;
  const settled = (polls: number) => waitFor(`look ${polls} to settle`, () => p.stats().polls === polls && p.stats().state !== 'polling');
  return { clock, batches, p, server, settled };
}

test('without an API key it says so and never calls FRED', async () => {
  for (const apiKey of [undefined, '', '   ']) {
    const { clock, p, server } = setup(unrateLike(() => []), { apiKey });
    p.start();
    await Bun.sleep(10);
    expect(server.requests).toHaveLength(0);
    expect(p.stats()).toMatchObject({ state: 'missing-api-key', polls: 0, nextPollAt: null });
    expect(p.stats().lastError).toBe('no FRED API key: UNRATE cannot be fetched until one is configured');
    expect(clock.nextTimerAt()).toBe(Infinity);
    await server.stop();
  }
});

test('the whole history first, then once a day from the last date, delivering only new observations', async () => {
  let released: Observation[] = [];
  const { clock, batches, p, server, settled } = setup(unrateLike(() => released));
  p.start();
  await settled(1);
  expect(server.requests[0]!.pathname).toBe('/fred/series/observations');
  expect(Object.fromEntries(server.requests[0]!.searchParams)).toEqual({ series_id: 'UNRATE', api_key: KEY, file_type: 'json', observation_start: '1776-07-04' });
  expect(batches[0]).toHaveLength(364);
  expect(p.stats()).toMatchObject({ state: 'waiting', lastDate: '2020-04-01', nextPollAt: Date.UTC(2020, 4, 20, 14), barsEmitted: 364 });

  clock.advanceTo(Date.UTC(2020, 4, 20, 14)); // nothing new today
  await settled(2);
  expect(server.requests[1]!.searchParams.get('observation_start')).toBe('2020-04-01');
  expect(batches).toHaveLength(1);

  released = [may2020];
  clock.advanceTo(p.stats().nextPollAt!);
  await settled(3);
  expect(clock.now()).toBe(Date.UTC(2020, 4, 21, 14));
  expect(batches[1]).toEqual([{ openTime: Date.UTC(2020, 4, 1), open: 13.3, high: 13.3, low: 13.3, close: 13.3, volume: 0 }]);
  expect(p.stats()).toMatchObject({ polls: 3, successes: 3, barsEmitted: 365, lastDate: '2020-05-01', errors: {} });
  p.stop();
  expect(clock.nextTimerAt()).toBe(Infinity);
});

test('from a date already held, at a configured hour', async () => {
  const { batches, p, server, settled } = setup(unrateLike(() => []), { since: Date.UTC(2020, 1, 1), hourUtc: 21 });
  p.start();
  await settled(1);
  expect(server.requests[0]!.searchParams.get('observation_start')).toBe('2020-02-01');
  expect(batches[0]!.map((b) => [b.openTime, b.close])).toEqual([[Date.UTC(2020, 2, 1), 4.4], [Date.UTC(2020, 3, 1), 14.7]]);
  expect(p.stats().nextPollAt).toBe(Date.UTC(2020, 4, 20, 21));
});

test('a long history comes in pages, delivered as one batch', async () => {
  const { batches, p, server, settled } = setup(unrateLike(() => [], 100));
  p.start();
  await settled(1);
  expect(server.requests.map((u) => u.searchParams.get('offset'))).toEqual([null, '100', '200', '300']);
  expect(batches.map((b) => b.length)).toEqual([364]);
});

test('a "." is skipped and counted; an empty answer delivers nothing', async () => {
  const bodies = [fixtureText('fred/series_observations_OILPRICE_with_missing_dot.json'), fixtureText('fred/series_observations_empty.json')];
  const { clock, batches, p, settled } = setup((_, i) => ({ body: bodies[i]! }), { seriesId: 'OILPRICE' });
  p.start();
  await settled(1);
  expect(batches[0]).toHaveLength(270);
  expect(p.stats()).toMatchObject({ missing: 1, lastDate: '2013-04-01' });
  clock.advanceTo(p.stats().nextPollAt!);
  await settled(2);
  expect(batches).toHaveLength(1);
  expect(p.stats()).toMatchObject({ state: 'waiting', successes: 2 });
});
