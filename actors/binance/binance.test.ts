import { afterEach, expect, test } from 'bun:test';
import { MARKET_KINDS } from '../market.ts';
import type { SymbolView } from '../symbol/index.ts';
import { ActorSystem, address } from '../../engine/index.ts';
import { waitFor } from '../../engine/testing/harness.ts';
import { fixture, startLocalBinance } from '../../feeds/binance/testing/local-binance.ts';

const recorded = JSON.parse(fixture('ws_combined_trade_ETHUSDT.json')) as { stream: string; data: Record<string, unknown> };
/** The recorded trade frame with its price and time changed: a stream of real-shaped trades. */
const trade = (price: number, time: number) => JSON.stringify({ ...recorded, data: { ...recorded.data, p: price.toFixed(2), q: '0.50000000', T: time, E: time } });

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

test('trades reach the symbol actor through drops and reconnects, in order, with the gap backfilled', async () => {
  const t0 = Date.UTC(2021, 9, 12, 10);
  const server = startLocalBinance({
    streams: ['ethusdt@trade'],
    klines: [],
    klinesSymbol: 'ETHUSDT',
    onConnection: (ws, n) => {
      if (n === 0) {
        for (let i = 0; i < 3; i++) ws.send(trade(3_500 + i, t0 + i * 1_000));
        ws.close(); // a drop: the feed must come back by itself
      } else {
        ws.send(trade(3_510, t0 + 10_000));
        ws.send(trade(3_511, t0 + 11_000));
      }
    },
  });
  const system = await ActorSystem.start({ workers: 2, behaviours: MARKET_KINDS });
  cleanup = async () => {
    await system.shutdown();
    server.stop();
  };
  system.spawn('symbol', 'ETHUSDT', { symbol: 'ETHUSDT' });
  const feed = system.spawn('binance', 'live', { symbols: ['ETHUSDT'], wsBase: server.wsBase, restBase: server.restBase });

  const view = await waitFor('five trades at the symbol', async () => {
    const v = await system.ask<SymbolView>(address('symbol', 'ETHUSDT'), { type: 'view' });
    return v.forming['1m']?.prints === 5 ? v : null;
  });
  expect(view!.last).toBe(3_511);
  expect(view!.forming['1m']).toMatchObject({ open: 3_500, high: 3_511, low: 3_500, close: 3_511, volume: 2.5 });
  expect(Object.values(view!.dropped).every((n) => n === 0)).toBe(true);
  const stats = await system.ask<{ reconnects: number; backfills: number; state: string }>(feed, { type: 'view' });
  expect(stats).toMatchObject({ reconnects: 1, backfills: 1, state: 'open' });
  // The gap here is under a minute, so there was nothing to fetch; feeds/binance tests the REST paging itself.
});
