import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARKET_KINDS, MARKET_PLACEMENT, startReplayMarket, type Market } from '../../actors/market.ts';
import { loadInstruments } from '../../config/instruments.ts';
import { ActorSystem } from '../../engine/index.ts';
import { createLogger } from '../../log/logger.ts';
import { SHIPPED_MODELS } from '../../models/registry/index.ts';
import type { InstrumentRegistry } from '../../market/instruments/index.ts';
import { createApp, type AppDeps } from '../app.ts';
import { localTopicFeed } from '../bus/topic-feed.ts';

/** The instruments the test market runs: two pairs (a month of 1m bars), two stocks and a macro series (daily, 2013-2018). */
export const TEST_UNIVERSE = { crypto: ['BTCUSDT', 'ETHUSDT'], stock: ['AAPL', 'XOM'], macro: ['UNRATE'] };

export interface TestMarket {
  system: ActorSystem;
  market: Market;
  instruments: InstrumentRegistry;
  /** The SQLite file the replay stored its candles in. */
  db: string;
  app(extra?: Partial<AppDeps>): ReturnType<typeof createApp>;
  stop(): Promise<void>;
}

/**
 * A real market for the edge's tests: the market kinds on two workers with a simulated clock,
 * the bundled data replayed through the symbol actors at full speed into a candle store in a
 * temporary SQLite file, forecasting with the shipped models, then left standing so routes can
 * ask the actors and read the file.
 */
export async function startTestMarket(): Promise<TestMarket> {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  const dir = mkdtempSync(join(tmpdir(), 'tickflow-edge-'));
  const db = join(dir, 'tickflow.db');
  const system = await ActorSystem.start({ workers: 2, behaviours: MARKET_KINDS, placement: MARKET_PLACEMENT, clock: 'sim' });
  const market = startReplayMarket(system, TEST_UNIVERSE, { speed: 0, db, loop: false, forecasts: { models: SHIPPED_MODELS } });
  await system.sim!.runUntil(0);
  await Promise.all(market.forecasters.map((f) => system.ask(f, { type: 'stats' })));
  system.tell(market.store!, { type: 'flush' });
  await system.ask(market.store!, { type: 'stats' });
  const log = createLogger('error');
  return {
    system,
    market,
    instruments: loaded.registry,
    db,
    app: (extra = {}) =>
      createApp({ system, instruments: loaded.registry, topics: localTopicFeed(system), market, db, startedAt: 0, version: 'test', log, ...extra }),
    stop: async () => {
      await system.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
