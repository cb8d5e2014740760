import { afterEach, expect, test } from 'bun:test';
import { SimClock } from '../../engine/clock/sim-clock.ts';
import { waitFor } from '../../engine/testing/harness.ts';
import type { Bar } from '../../market/candles/candle.ts';
import type { Split } from './chart.ts';
import { aaplMinutesBody, OCT2_SESSION } from './fixture-bodies.ts';
import { YahooPoller, type YahooPollerOptions } from './poller.ts';
import { fixtureText, scriptedServer, type ScriptedReply, type ScriptedServer } from '../http/scripted-server.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
let server: ScriptedServer | undefined;
let poller: YahooPoller | undefined;
afterEach(async () => {
  poller?.stop();
  await server?.stop();
});

/** A poller on a SimClock against a real local server answering `replies` in turn (the last one repeats). */
function setup(start: number, replies: ScriptedReply[], options: Partial<YahooPollerOptions> = {}) {
  server = scriptedServer((_, i) => replies[Math.min(i, replies.length - 1)]!);
  const clock = new SimClock(start);
  const batches: Bar[][] = [];
  const p = new YahooPoller({ symbol: 'AAPL', interval: '1m', clock, fetch, random: () => 0.5, onBars: (b) => batches.push(b), baseUrl: server.url, ...options });
  poller = p;
  const settled = (polls: number) => waitFor(`poll ${polls} to settle`, () => p.stats().polls === polls && p.stats().state !== 'polling');
  return { clock, batches, p, server, settled };
}

test('delivers each closed bar once, holds the forming one back, and asks from the last bar on', async () => {
  const t0 = Date.UTC(2024, 9, 2, 14, 0, 30);
  const { clock, batches, p, server, settled } = setup(t0, [{ body: aaplMinutesBody(31) }, { body: aaplMinutesBody(33) }]);
  p.start();
  await settled(1);
  // 13:30 … 13:59; the 14:00 minute is still forming at 14:00:30.
  expect(batches).toHaveLength(1);
  expect(batches[0]!.map((b) => b.openTime)).toEqual(Array.from({ length: 30 }, (_, i) => OCT2_SESSION.start + i * MIN));
  expect(batches[0]![0]).toEqual({ openTime: OCT2_SESSION.start, open: 225.88999938964844, high: 226.11000061035156, low: 225.4199981689453, close: 225.6999969482422, volume: 1205461 });
  const first = server.requests[0]!;
  expect(first.pathname).toBe('/v8/finance/chart/AAPL');
  expect(Object.fromEntries(first.searchParams)).toEqual({ interval: '1m', period1: String((t0 - DAY) / 1000), period2: String(Math.ceil(t0 / 1000)), events: 'div,split' });
  expect(p.stats()).toMatchObject({ state: 'waiting', nextPollAt: t0 + MIN, session: OCT2_SESSION, barsEmitted: 30 });

  clock.advanceTo(t0 + MIN);
  await settled(2);
  expect(server.requests[1]!.searchParams.get('period1')).toBe(String((OCT2_SESSION.start + 29 * MIN) / 1000));
  expect(batches[1]!.map((b) => b.openTime)).toEqual([OCT2_SESSION.start + 30 * MIN]); // 14:00, now closed; 14:01 is forming
  expect(p.stats()).toMatchObject({ polls: 2, successes: 2, barsEmitted: 31, lastBarTime: OCT2_SESSION.start + 30 * MIN, errors: {} });
});

test('after the close it delivers the day, skips the null row and the appended price, and sleeps till next morning', async () => {
  const t0 = OCT2_SESSION.end + 2 * MIN;
  const { clock, batches, p, settled } = setup(t0, [{ body: aaplMinutesBody(391) }]);
  p.start();
  await settled(1);
  expect(batches[0]).toHaveLength(389);
  expect(batches[0]!.at(-1)!.openTime).toBe(OCT2_SESSION.end - MIN);
  expect(p.stats().skipped).toEqual({ missing: 1, inconsistent: 0, outsideSession: 1 });
  // Thursday's opening is 13:30 UTC; the poller wakes an hour early in case the clocks changed.
  expect(p.stats().nextPollAt).toBe(OCT2_SESSION.start + DAY - 60 * MIN);
  p.stop();
  expect(p.stats().state).toBe('stopped');
  expect(clock.nextTimerAt()).toBe(Infinity);
});

test('a weekend answer delivers nothing and is not an error', async () => {
  const { batches, p, settled } = setup(Date.UTC(2025, 1, 1, 12), [{ body: fixtureText('yahoo/chart_v8_AAPL_1m_2025-02-01_weekend_empty.json') }], { followMarketHours: false });
  p.start();
  await settled(1);
  expect(batches).toEqual([]);
  expect(p.stats()).toMatchObject({ state: 'waiting', successes: 1, errors: {}, barsEmitted: 0 });
});

test('daily bars: splits are announced once, and a bar is due only once its UTC day is over', async () => {
  const t0 = Date.UTC(2020, 10, 6, 21); // Friday 2020-11-06 after the close: that day's bar is still open until midnight UTC
  const body = fixtureText('yahoo/chart_v8_AAPL_1d_2020-08-31_2020-11-07_split_div.json');
  const splits: Split[][] = [];
  const { clock, batches, p, server, settled } = setup(t0, [{ body }], { interval: '1d', followMarketHours: false, pollMs: 6 * 60 * MIN, onSplits: (s) => splits.push(s) });
  p.start();
  await settled(1);
  expect(batches[0]).toHaveLength(48);
  expect(splits).toEqual([[{ time: Date.UTC(2020, 7, 31), ratio: 4 }]]);
  clock.advanceBy(6 * 60 * MIN);
  await settled(2);
  expect(batches.map((b) => b.length)).toEqual([48, 1]);
  expect(batches[1]![0]!.openTime).toBe(Date.UTC(2020, 10, 6));
  expect(splits).toHaveLength(1);
  expect(server.requests[1]!.searchParams.get('period1')).toBe(String(Date.UTC(2020, 10, 5) / 1000));
});

test('a consumer that throws is counted, and the bars it refused are not delivered again', async () => {
  const t0 = OCT2_SESSION.start + 3 * MIN;
  const { clock, p, settled } = setup(t0, [{ body: aaplMinutesBody(3) }, { body: aaplMinutesBody(4) }], {
    onBars: () => {
      throw new Error('store is down');
    },
  });
  p.start();
  await settled(1);
  expect(p.stats()).toMatchObject({ state: 'waiting', errors: { consumer: 1 }, lastError: 'onBars threw: store is down', barsEmitted: 3 });
  clock.advanceTo(t0 + MIN);
  await settled(2);
  expect(p.stats()).toMatchObject({ errors: { consumer: 2 }, barsEmitted: 4 });
});

test('since: a restarted consumer asks from the bar it already holds and gets only later ones', async () => {
  const t0 = Date.UTC(2020, 10, 9, 12);
  const body = fixtureText('yahoo/chart_v8_AAPL_1d_2020-08-31_2020-11-07_split_div.json');
  const held = Date.UTC(2020, 10, 4);
  const { batches, p, server, settled } = setup(t0, [{ body }], { interval: '1d', followMarketHours: false, since: held });
  p.start();
  await settled(1);
  expect(server.requests[0]!.searchParams.get('period1')).toBe(String(held / 1000));
  expect(batches.map((b) => b.map((bar) => bar.openTime))).toEqual([[Date.UTC(2020, 10, 5), Date.UTC(2020, 10, 6)]]);
  expect(p.stats().lastBarTime).toBe(Date.UTC(2020, 10, 6));
});
