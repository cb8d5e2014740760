import { expect, test } from 'bun:test';
import type { ServerWebSocket } from 'bun';
import { SimClock } from '../../engine/clock/sim-clock.ts';
import { BinanceConnection, type ConnectionOptions } from './connection.ts';
import { combinedStreamUrl } from './streams.ts';
import { startLocalBinance } from './testing/local-binance.ts';
import { TrackingClock } from './testing/tracking-clock.ts';
import { until } from './testing/until.ts';

// Real sockets, simulated time: the timers (backoff, connect timeout, 24h renewal, idle) fire
// only when the test moves the clock, so each is seen on its own.
const streams = ['btcusdt@trade'];
const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

function setup(url: string, more: Partial<ConnectionOptions> = {}) {
  const sim = new SimClock(T0);
  const clock = new TrackingClock(sim);
  const conn = new BinanceConnection({ url, clock, random: () => 0.999, backoff: { baseMs: 100, capMs: 1_000, factor: 2 }, onEvent: () => {}, ...more });
  return { sim, clock, conn };
}

test('an unreachable venue: retries on the clock with growing, capped delays; close leaves no timer', async () => {
  const throwing = () => {
    throw new Error('a bug in the owner'); // must not stop the retries
  };
  const { sim, clock, conn } = setup(combinedStreamUrl(streams, 'ws://127.0.0.1:1'), { onState: throwing });
  const waits: number[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    if (attempt === 0) conn.start();
    else sim.advanceTo(sim.nextTimerAt());
    await until(() => conn.stats().state === 'backoff', `failure ${attempt}`);
    expect(clock.pending).toBe(1); // only the retry
    waits.push(sim.nextTimerAt() - sim.now());
  }
  expect(waits).toEqual([99, 199, 399, 799, 999, 999]);
  expect(conn.stats()).toMatchObject({ lastCallbackError: 'a bug in the owner' });
  expect(conn.stats().lastLoss).toStartWith('error: ');
  conn.close();
  expect(clock.pending).toBe(0);
  expect(sim.nextTimerAt()).toBe(Infinity);
});

test('a venue that never answers the handshake: the connect timeout gives up and backs off', async () => {
  const silent = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const { sim, conn } = setup(`ws://127.0.0.1:${silent.port}/stream?streams=btcusdt@trade`, { connectTimeoutMs: 10_000 });
  try {
    conn.start();
    await Bun.sleep(50);
    expect(conn.stats().state).toBe('connecting');
    sim.advanceBy(10_000);
    expect(conn.stats()).toMatchObject({ state: 'backoff', lastLoss: 'not open after 10000 ms' });
  } finally {
    conn.close();
    silent.stop(true);
  }
});

test('the connection is renewed before Binance’s 24h limit, and the gap reported', async () => {
  const venue = startLocalBinance({ streams });
  const gaps: unknown[] = [];
  const { sim, clock, conn } = setup(combinedStreamUrl(streams, venue.wsBase), { onReconnect: (g) => gaps.push(g), idleMs: 48 * HOUR });
  try {
    conn.start();
    await until(() => conn.stats().state === 'open', 'open');
    sim.advanceBy(23 * HOUR + 49 * 60_000);
    expect(conn.stats().reconnects).toBe(0);
    sim.advanceBy(60_000); // 23h50m: renewed, no backoff
    expect(conn.stats()).toMatchObject({ state: 'connecting', lastLoss: `renewed after ${(23 * 60 + 50) * 60_000} ms` });
    await until(() => conn.stats().state === 'open', 'reopen');
    expect(conn.stats().reconnects).toBe(1);
    expect(gaps).toEqual([{ since: T0, now: T0 + (23 * 60 + 50) * 60_000 }]);
    await until(() => venue.connections === 2, 'second connection');
  } finally {
    conn.close();
    venue.stop();
  }
  expect(clock.pending).toBe(0);
});

test('a silent link is dropped after idleMs; a server ping counts as life', async () => {
  let server: ServerWebSocket<unknown> | undefined;
  const venue = startLocalBinance({ streams, onConnection: (ws) => void (server = ws) });
  const { sim, conn } = setup(combinedStreamUrl(streams, venue.wsBase), { idleMs: 60_000 });
  try {
    conn.start();
    await until(() => conn.stats().state === 'open' && server !== undefined, 'open');
    sim.advanceBy(40_000);
    server!.ping();
    await until(() => venue.pongs.length === 1, 'the pong');
    sim.advanceBy(30_000); // 70 s since open, 30 s since the ping
    expect(conn.stats().state).toBe('open');
    sim.advanceBy(30_000); // 60 s since the ping
    expect(conn.stats()).toMatchObject({ state: 'backoff', lastLoss: 'nothing received for 60000 ms' });
  } finally {
    conn.close();
    venue.stop();
  }
});
