import { Database } from 'bun:sqlite';
import type { Candle } from '../../market/candles/candle.ts';
import type { Timeframe } from '../../market/timeframes.ts';
import type { CandleRange } from '../../storage/candles.ts';
import { CandleStore, ForecastStore } from '../../storage/sqlite/index.ts';
import { ProblemError } from '../problem.ts';

/**
 * Candle history for the edge, and the forecasts made on it: one read-only connection to the
 * engine's SQLite file, opened on first use and kept (WAL: it never blocks the writers beside
 * it). The stores' reads go through `db.query`, which compiles each statement once and caches it.
 *
 * A file that cannot be opened yet (the engine has not created it) is a 503, tried again on the
 * next request rather than remembered.
 */
export class CandleHistory {
  private db: Database | null = null;
  private store: CandleStore | null = null;
  private forecastStore: ForecastStore | null = null;

  constructor(readonly path: string | undefined) {}

  candles(symbol: string, tf: Timeframe, range: CandleRange): Candle[] {
    return this.open().candles(symbol, tf, range);
  }

  /** The forecasts table, on the same connection. */
  forecasts(): ForecastStore {
    this.open();
    return (this.forecastStore ??= new ForecastStore(this.db!));
  }

  close(): void {
    this.db?.close();
    this.db = null;
    this.store = null;
    this.forecastStore = null;
  }

  private open(): CandleStore {
    if (this.store) return this.store;
    if (this.path === undefined) throw new ProblemError(503, 'No history', 'candle history is not available: no database is configured');
    let db: Database | undefined;
    try {
      db = new Database(this.path, { readonly: true, strict: true });
      this.store = new CandleStore(db);
      this.db = db;
      return this.store;
    } catch (e) {
      db?.close();
      throw new ProblemError(503, 'No history', `candle history cannot be read yet: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
