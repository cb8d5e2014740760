import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInstruments } from '../../config/instruments.ts';
import { bundledBars, bundledDaily, crypto1m } from '../../data/read.ts';
import { ActorSystem } from '../../engine/index.ts';
import { TESTING_KINDS } from '../../engine/testing/index.ts';
import { createLogger } from '../../log/logger.ts';
import type { Bar } from '../../market/candles/candle.ts';
import { CandleSeries } from '../../market/candles/series.ts';
import { CandleStore, open } from '../../storage/sqlite/index.ts';
import { createApp } from '../app.ts';

/** The stocks whose bundled daily bars the fixture stores, besides SPY. */
export const FIXTURE_STOCKS = ['AAPL', 'MSFT', 'JNJ', 'XOM', 'JPM', 'KO', 'NVDA', 'PFE', 'WMT'];
/** A stock stored with 10 days only, for the windows history cannot fill. */
export const SHORT_STOCK = 'PG';

/** The hourly and daily candles of a bundled crypto pair, built from its 1m bars as the symbol actors build them. */
export function cryptoCandles(symbol: string): { '1h': Bar[]; '1d': Bar[] } {
  const series = new CandleSeries(['1h', '1d']);
  const out: { '1h': Bar[]; '1d': Bar[] } = { '1h': [], '1d': [] };
  const bars = bundledBars(crypto1m(symbol));
  const keep = (closed: readonly { tf: string }[]) => closed.forEach((c) => out[c.tf as '1h' | '1d'].push(c as unknown as Bar));
  for (const b of bars) keep(series.addBar(b));
  keep(series.closeAt(bars.at(-1)!.openTime + 86_400_000));
  return out;
}

export interface RiskFixture {
  app: ReturnType<typeof createApp>;
  stop(): Promise<void>;
}

/**
 * A candle store filled with real bundled history (stocks and SPY daily, BTCUSDT and ETHUSDT
 * hourly and daily, UNRATE), and the app reading it: the risk and portfolio routes need candle
 * history and the instrument registry, and no market actor.
 */
export async function startRiskFixture(): Promise<RiskFixture> {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  const dir = mkdtempSync(join(tmpdir(), 'tickflow-risk-'));
  const path = join(dir, 'tickflow.db');
  const db = open(path);
  const store = new CandleStore(db);
  for (const s of [...FIXTURE_STOCKS, 'SPY', 'UNRATE']) store.writeCandles(s, '1d', bundledBars(bundledDaily(s)!));
  store.writeCandles(SHORT_STOCK, '1d', bundledBars(bundledDaily(SHORT_STOCK)!).slice(0, 10));
  for (const s of ['BTCUSDT', 'ETHUSDT']) {
    const c = cryptoCandles(s);
    store.writeCandles(s, '1h', c['1h']);
    store.writeCandles(s, '1d', c['1d']);
  }
  db.close();
  const system = await ActorSystem.start({ workers: 1, behaviours: [TESTING_KINDS] });
  const app = createApp({ system, instruments: loaded.registry, db: path, startedAt: 0, version: 'test', log: createLogger('error') });
  return {
    app,
    stop: async () => {
      await system.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
