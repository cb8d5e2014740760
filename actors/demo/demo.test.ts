import { describe, expect, test } from 'bun:test';
import { ActorSystem } from '../../engine/index.ts';
import type { BoardView, TickerView } from './messages.ts';
import { spawnDemo } from './spawn.ts';
import type { TickerProps } from './ticker.ts';

const DEMO = new URL('./index.ts', import.meta.url).href;

const TICKERS: TickerProps[] = [
  { symbol: 'BTCUSDT', start: 64_000, volatility: 0.002, intervalMs: 100 },
  { symbol: 'ETHUSDT', start: 3_100, volatility: 0.003, intervalMs: 250 },
  { symbol: 'AAPL', start: 190, volatility: 0.001, intervalMs: 1000 },
];

/** Runs `body` on a fresh two-worker system and always shuts it down. */
async function withSystem<T>(clock: 'sim' | 'live', body: (system: ActorSystem) => Promise<T>): Promise<T> {
  const system = await ActorSystem.start({ workers: 2, behaviours: [DEMO], clock, simStart: 0 });
  try {
    return await body(system);
  } finally {
    await system.shutdown();
  }
}

const simRun = () =>
  withSystem('sim', async (system) => {
    const { board, tickers } = spawnDemo(system, TICKERS);
    await system.sim!.runUntil(10_000);
    const view = await system.ask<BoardView>(board, { type: 'get' });
    const btc = await system.ask<TickerView>(tickers[0]!, { type: 'get' });
    return { view, btc };
  });

describe('demo tickers and board', () => {
  test('on simulated time the board sees every tick, identically on every run', async () => {
    const first = await simRun();
    const { view } = first;
    // Ticks at every multiple of the interval up to and including 10 s.
    expect(view.symbols['BTCUSDT']!.ticks).toBe(100);
    expect(view.symbols['ETHUSDT']!.ticks).toBe(40);
    expect(view.symbols['AAPL']!.ticks).toBe(10);
    expect(view.ticks).toBe(150);
    expect(view.symbols['BTCUSDT']!.at).toBe(10_000);
    for (const line of Object.values(view.symbols)) {
      expect(line.min).toBeLessThanOrEqual(line.last);
      expect(line.max).toBeGreaterThanOrEqual(line.last);
      expect(line.min).toBeGreaterThan(0);
    }
    expect(first.btc).toEqual({ symbol: 'BTCUSDT', price: view.symbols['BTCUSDT']!.last, ticks: 100 });
    expect(view.symbols['BTCUSDT']!.last).not.toBe(64_000);

    expect(await simRun()).toEqual(first);
  });

  test('on the live clock a tick reaches the board', async () => {
    const view = await withSystem('live', async (system) => {
      const { board } = spawnDemo(system, [{ symbol: 'SPY', start: 520, volatility: 0.001, intervalMs: 20 }]);
      const deadline = performance.now() + 5_000;
      let v = await system.ask<BoardView>(board, { type: 'get' });
      while (v.ticks === 0 && performance.now() < deadline) {
        await Bun.sleep(10);
        v = await system.ask<BoardView>(board, { type: 'get' });
      }
      return v;
    });
    expect(view.symbols['SPY']!.ticks).toBeGreaterThanOrEqual(1);
    // Wall time, not simulated time.
    expect(view.symbols['SPY']!.at).toBeGreaterThan(1_600_000_000_000);
  });
});
