import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActorSystem } from '../../engine/index.ts';
import { SHIPPED_MODELS } from '../../models/registry/index.ts';
import { CandleStore, ForecastStore, open } from '../../storage/sqlite/index.ts';
import { MARKET_KINDS, MARKET_PLACEMENT, startReplayMarket } from '../market.ts';

const PAIRS = ['BTCUSDT', 'ETHUSDT'];
const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'tickflow-forecast-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Replays the pairs (the first `bars` 1m bars, or all) into `db` at full speed on simulated time, resuming from what it holds. */
async function replay(db: string, bars?: number): Promise<void> {
  const system = await ActorSystem.start({ workers: 2, behaviours: MARKET_KINDS, placement: MARKET_PLACEMENT, clock: 'sim' });
  try {
    const market = startReplayMarket(system, { crypto: PAIRS }, { speed: 0, db, loop: false, forecasts: { models: SHIPPED_MODELS }, ...(bars ? { bars } : {}) });
    await system.sim!.runUntil(0);
    await Promise.all(market.forecasters.map((f) => system.ask(f, { type: 'stats' })));
    system.tell(market.store!, { type: 'flush' });
    await system.ask(market.store!, { type: 'stats' });
  } finally {
    await system.shutdown();
  }
}

const forecasts = (db: string) => PAIRS.flatMap((p) => new ForecastStore(open(db)).recent(p, '1h', { limit: 10_000 }));

test('an engine stopped with forecasts waiting, and behind on what it stored, ends as if it never stopped', async () => {
  const whole = join(dir, 'whole.db');
  await replay(whole);

  const restarted = join(dir, 'restarted.db');
  await replay(restarted, 10_000); // a week, then a stop
  const db = open(restarted);
  const lastHour = Math.max(...PAIRS.map((p) => new CandleStore(db).candles(p, '1h', { limit: 1 })[0]!.openTime));
  const waiting = db.query<{ n: number }, []>('SELECT count(*) AS n FROM forecasts WHERE realised_price IS NULL').get()!.n;
  expect(waiting).toBe(2 * 4); // each pair's last 4 forecasts wait for their target
  // A crash can keep the forecasters from writing what the candle store already has: forecasts
  // of the last 6 hours never made, outcomes of the last 10 never recorded.
  db.run('DELETE FROM forecasts WHERE open_time > ?', [lastHour - 6 * HOUR]);
  db.run('UPDATE forecasts SET realised_time = NULL, realised_price = NULL, synthetic = 0 WHERE target_time > ?', [lastHour - 10 * HOUR]);
  db.close();

  await replay(restarted);
  expect(forecasts(restarted)).toEqual(forecasts(whole));
}, 60_000);
