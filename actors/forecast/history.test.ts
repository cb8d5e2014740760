import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { ActorSystem } from '../../engine/index.ts';
import { barPrints } from '../../feeds/bars.ts';
import { CandleSeries } from '../../market/candles/series.ts';
import { SHIPPED_MODELS } from '../../models/registry/index.ts';
import { CandleStore, ForecastStore, open } from '../../storage/sqlite/index.ts';
import { MARKET_KINDS, MARKET_PLACEMENT, startReplayMarket } from '../market.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HOUR = 3_600_000;

/** BTCUSDT's first `bars` 1m bars replayed at full speed, the first `history` of them stored beforehand. */
async function firstRun(db: string, bars: number, history?: number) {
  const system = await ActorSystem.start({ workers: 1, behaviours: MARKET_KINDS, placement: MARKET_PLACEMENT, clock: 'sim' });
  try {
    const market = startReplayMarket(system, { crypto: ['BTCUSDT'] }, { speed: 0, db, loop: false, bars, forecasts: { models: SHIPPED_MODELS }, ...(history ? { history } : {}) });
    await system.sim!.runUntil(0);
    await system.ask(market.forecasters[0]!, { type: 'stats' });
    system.tell(market.store!, { type: 'flush' });
    await system.ask(market.store!, { type: 'stats' });
  } finally {
    await system.shutdown();
  }
  return new ForecastStore(open(db)).recent('BTCUSDT', '1h', { limit: 1_000 });
}

test('a first run that starts from stored history forecasts from its first closed hour; one that does not waits out the warm-up', async () => {
  const live = 130; // two hours and a bit
  expect(await firstRun(join(dir, 'cold.db'), live)).toEqual([]);

  const db = join(dir, 'warm.db');
  const forecasts = await firstRun(db, 3_000 + live, 3_000);
  const bars = bundledBars(crypto1m('BTCUSDT'));
  const lastStoredBar = bars[3_000 - 2]!.openTime; // the history's last bar was still forming
  expect(forecasts.length).toBeGreaterThanOrEqual(2);
  expect(forecasts.every((f) => f.openTime + HOUR > lastStoredBar)).toBe(true); // made by the replay, none backdated
  // The history's candles are stored in every timeframe, as if the replay had made them.
  const hours = new CandleStore(open(db)).candles('BTCUSDT', '1h', { from: 0 });
  expect(hours[0]!.openTime).toBe(bars[0]!.openTime - (bars[0]!.openTime % HOUR));
  const reference = new CandleSeries(['1h']);
  const built = bars.slice(0, 3_000 + live).flatMap((b) => barPrints(b, 60_000).flatMap((p) => [...reference.addPrint(p.time, p.price, p.qty)]));
  expect(hours.map((h) => h.openTime)).toEqual(built.map((h) => h.openTime));
  expect(hours).toEqual(built);
});
