import { expect, test } from 'bun:test';
import { LiveClock } from '../../engine/clock/live-clock.ts';
import { backfillKlines, type BackfillResult } from './backfill.ts';
import { BinanceConnection, type ConnectionState } from './connection.ts';
import { parseFrame, type BinanceEvent } from './messages.ts';
import { combinedStreamUrl, streamName, type Channel } from './streams.ts';
import { fixture, readCapture, startLocalBinance } from './testing/local-binance.ts';
import { TrackingClock } from './testing/tracking-clock.ts';
import { until } from './testing/until.ts';

const capture = readCapture('ws_capture_spot_combined_2021-10-12.txt');
const recorded = JSON.parse(fixture('rest_api_v3_klines_BTCUSDT_1m.json')) as unknown[][];
// The capture's subscription, built the way a feed would build it.
const CHANNELS: Channel[] = ['depth@100ms', 'bookTicker', 'kline_1m', 'aggTrade'];
const streams = CHANNELS.flatMap((c) => ['NKNUSDT', 'BLZETH', 'LRCBTC', 'RUNEEUR'].map((s) => streamName(s, c)));
const fast = { baseMs: 20, capMs: 200, factor: 2 };

test('the capture, replayed by a local server that then drops the link: every event, a reconnect, a backfill', async () => {
  expect(streams).toEqual(capture.streams);
  const venue = startLocalBinance({
    streams,
    klines: recorded,
    klinesSymbol: 'BTCUSDT',
    onConnection: (ws, n) => {
      if (n > 0) return void ws.ping('still there?');
      for (const frame of capture.frames) ws.send(frame);
      ws.close(1001, 'going away'); // once: the next connection stays up
    },
  });
  const clock = new TrackingClock(new LiveClock());
  const started = clock.now();
  const events: BinanceEvent[] = [];
  const states: ConnectionState[] = [];
  const gaps: { since: number; now: number }[] = [];
  let backfill: Promise<BackfillResult> | undefined;
  const conn = new BinanceConnection({
    url: combinedStreamUrl(streams, venue.wsBase),
    clock,
    random: () => 0.5,
    backoff: fast,
    onEvent: (e) => events.push(e),
    onState: (s) => states.push(s),
    onReconnect: (gap) => {
      gaps.push(gap);
      // What an owner does on a reconnect; the recorded window stands in for the gap.
      const [startTime, endTime] = [recorded[0]![0] as number, recorded.at(-1)![0] as number];
      backfill = backfillKlines({ symbol: 'BTCUSDT', interval: '1m', startTime, endTime, restBase: venue.restBase });
    },
  });
  try {
    conn.start();
    await until(() => conn.stats().reconnects === 1 && conn.stats().state === 'open', 'the reconnect');
    expect(events).toEqual(capture.frames.map((f) => (parseFrame(f) as { event: BinanceEvent }).event));
    expect(states).toEqual(['connecting', 'open', 'backoff', 'connecting', 'open']);
    expect(conn.stats()).toMatchObject({ received: 265, dropped: {}, reconnects: 1, state: 'open', lastLoss: 'closed by peer: 1001 going away' });
    expect(gaps.length).toBe(1);
    expect(gaps[0]!.since).toBeGreaterThanOrEqual(started);
    expect(gaps[0]!.now).toBeGreaterThanOrEqual(gaps[0]!.since);

    const filled = await backfill!;
    expect(filled).toMatchObject({ ok: true, pages: 1 });
    expect(filled.bars.length).toBe(10);
    expect(venue.klineRequests.length).toBe(1);

    // Bun's client answers the server's ping by itself: no code of ours sends this pong.
    await until(() => venue.pongs.length === 1, 'the pong');
    expect(venue.pongs).toEqual(['still there?']);
  } finally {
    conn.close();
    venue.stop();
  }
  expect(conn.stats().state).toBe('closed');
  expect(clock.pending).toBe(0);
  expect(venue.connections).toBe(2);
});

test('bad frames mixed into the stream are counted and dropped; the connection stays open', async () => {
  const [depth, ticker] = [fixture('ws_combined_depthUpdate_100ms.json'), fixture('ws_combined_bookTicker.json')];
  const [agg, kline] = [fixture('ws_combined_aggTrade_NKNUSDT.json'), fixture('ws_combined_kline_1m_NKNUSDT.json')];
  const mixed: (string | Uint8Array)[] = [
    depth,
    agg.slice(0, 60), // truncated
    agg,
    agg.replace('"p":"0.35280000"', '"p":0.3528'), // a number where Binance sends a string
    agg.replace('nknusdt@aggTrade', 'nknusdt@markPrice'),
    `{"stream":"nknusdt@aggTrade","data":{"pad":"${'x'.repeat(1_100_000)}"}}`,
    new Uint8Array([1, 2, 3]),
    agg.replace('nknusdt@aggTrade', 'blzeth@aggTrade'),
    ticker, // its handler throws, below
    kline,
  ];
  const venue = startLocalBinance({ streams, onConnection: (ws) => mixed.forEach((m) => ws.send(m)) });
  const clock = new TrackingClock(new LiveClock());
  const events: string[] = [];
  const conn = new BinanceConnection({
    url: combinedStreamUrl(streams, venue.wsBase),
    clock,
    random: () => 0.5,
    backoff: fast,
    onEvent: (e) => {
      if (e.kind === 'bookTicker') throw new Error('a consumer bug');
      events.push(e.kind);
    },
  });
  try {
    conn.start();
    await until(() => conn.stats().received === mixed.length, 'every frame');
    expect(events).toEqual(['depth', 'trade', 'kline']);
    const stats = conn.stats();
    expect(stats.dropped).toEqual({ 'bad-json': 1, 'bad-payload': 1, 'unknown-stream': 1, 'too-large': 1, 'binary-frame': 1, 'stream-mismatch': 1, 'handler-error': 1 });
    expect(stats).toMatchObject({ state: 'open', reconnects: 0, lastDrop: 'handler-error: a consumer bug' });
    expect(venue.connections).toBe(1);
  } finally {
    conn.close();
    venue.stop();
  }
  expect(clock.pending).toBe(0);
});
