import type { Database, Statement } from 'bun:sqlite';
import { z } from 'zod';
import type { Timeframe } from '../../market/timeframes.ts';

/** A forecast as stored: made at the close of candle `openTime`, for `targetTime`. Returns are log returns. */
export interface ForecastRecord {
  readonly symbol: string;
  readonly tf: Timeframe;
  /** `crypto-1h-h4@1`. */
  readonly model: string;
  readonly openTime: number;
  readonly madeAt: number;
  readonly horizon: number;
  readonly targetTime: number;
  /** The close the forecast was made at. */
  readonly price: number;
  readonly q10: number;
  readonly q50: number;
  readonly q90: number;
  readonly confidence: number;
  /** Made from, or scored against, a value that was not traded (a filled gap): kept out of accuracy. */
  readonly synthetic: boolean;
}

/** A stored forecast with its outcome once its target time has passed. */
export interface StoredForecast extends ForecastRecord {
  readonly realisedTime: number | null;
  readonly realisedPrice: number | null;
}

const rowSchema = z.object({
  symbol: z.string(),
  tf: z.string(),
  model: z.string(),
  open_time: z.number(),
  made_at: z.number(),
  horizon: z.number(),
  target_time: z.number(),
  price: z.number(),
  q10: z.number(),
  q50: z.number(),
  q90: z.number(),
  confidence: z.number(),
  realised_time: z.number().nullable(),
  realised_price: z.number().nullable(),
  synthetic: z.number(),
});

// Rows are checked where they leave SQLite: a hand-edited row fails loudly here, not in a chart.
const toForecast = (row: unknown): StoredForecast => {
  const r = rowSchema.parse(row);
  return {
    symbol: r.symbol,
    tf: r.tf as Timeframe,
    model: r.model,
    openTime: r.open_time,
    madeAt: r.made_at,
    horizon: r.horizon,
    targetTime: r.target_time,
    price: r.price,
    q10: r.q10,
    q50: r.q50,
    q90: r.q90,
    confidence: r.confidence,
    synthetic: r.synthetic !== 0,
    realisedTime: r.realised_time,
    realisedPrice: r.realised_price,
  };
};

const SELECT = 'SELECT * FROM forecasts';

/**
 * The forecasts table (storage/sqlite/migrations.ts step 2). A forecast is written once: a
 * second insert of the same (symbol, tf, model, open_time) is ignored, so a restarted engine
 * that scores a candle again changes nothing. An outcome is written once too.
 */
export class ForecastStore {
  constructor(private readonly db: Database) {}

  // Prepared on first use (and cached by db.query): the edge reads through a read-only connection.
  private get insertSql(): Statement {
    return this.db.query(
      `INSERT OR IGNORE INTO forecasts (symbol, tf, model, open_time, made_at, horizon, target_time, price, q10, q50, q90, confidence, synthetic)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  private get resolveSql(): Statement {
    return this.db.query(
      `UPDATE forecasts SET realised_time = ?, realised_price = ?, synthetic = max(synthetic, ?)
       WHERE symbol = ? AND tf = ? AND model = ? AND open_time = ? AND realised_price IS NULL`,
    );
  }

  /** True when the forecast is new; false when it was already stored (nothing changes). */
  insert(f: ForecastRecord): boolean {
    const r = this.insertSql.run(f.symbol, f.tf, f.model, f.openTime, f.madeAt, f.horizon, f.targetTime, f.price, f.q10, f.q50, f.q90, f.confidence, f.synthetic ? 1 : 0);
    return r.changes === 1;
  }

  /** Records the outcome of a waiting forecast; false when it had one already. */
  resolve(f: Pick<ForecastRecord, 'symbol' | 'tf' | 'model' | 'openTime'>, realisedTime: number, realisedPrice: number, synthetic = false): boolean {
    return this.resolveSql.run(realisedTime, realisedPrice, synthetic ? 1 : 0, f.symbol, f.tf, f.model, f.openTime).changes === 1;
  }

  /** Several writes as one transaction (one commit for a whole batch of forecasts). */
  transaction<T>(write: () => T): T {
    return this.db.transaction(write).immediate();
  }

  /** The forecasts of a symbol still waiting for their target time, oldest first. */
  pending(symbol: string, tf: Timeframe): StoredForecast[] {
    return this.db.query(`${SELECT} WHERE symbol = ? AND tf = ? AND realised_price IS NULL ORDER BY open_time, model`).all(symbol, tf).map(toForecast);
  }

  /**
   * Where a restarted symbol must resend its closed candles from: the oldest waiting forecast
   * (its outcome needs the candles after it) or else the newest forecast (the candles after it
   * have none yet). Null when nothing is stored for the symbol.
   */
  resumePoint(symbol: string, tf: Timeframe): number | null {
    const row = this.db
      .query<{ at: number | null }, [string, Timeframe, string, Timeframe]>(
        `SELECT coalesce(
           (SELECT min(open_time) FROM forecasts WHERE symbol = ? AND tf = ? AND realised_price IS NULL),
           (SELECT max(open_time) FROM forecasts WHERE symbol = ? AND tf = ?)) AS at`,
      )
      .get(symbol, tf, symbol, tf);
    return row?.at ?? null;
  }

  /** The newest forecasts first, waiting or resolved; `before` pages back by open time. */
  recent(symbol: string, tf: Timeframe, options: { limit: number; model?: string; before?: number; resolvedOnly?: boolean }): StoredForecast[] {
    const where = ['symbol = ?', 'tf = ?'];
    const args: (string | number)[] = [symbol, tf];
    if (options.model !== undefined) where.push('model = ?'), args.push(options.model);
    if (options.before !== undefined) where.push('open_time < ?'), args.push(options.before);
    if (options.resolvedOnly) where.push('realised_price IS NOT NULL');
    args.push(options.limit);
    return this.db.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY open_time DESC, model LIMIT ?`).all(...args).map(toForecast);
  }

  /** Every symbol's newest forecast on a timeframe (one per symbol: of the first model by name when several made one). */
  latestPerSymbol(tf: Timeframe): StoredForecast[] {
    return this.db
      .query(
        `SELECT f.* FROM forecasts f
         JOIN (SELECT symbol, max(open_time) AS newest FROM forecasts WHERE tf = ? GROUP BY symbol) n ON f.symbol = n.symbol AND f.open_time = n.newest
         WHERE f.tf = ? ORDER BY f.symbol, f.model`,
      )
      .all(tf, tf)
      .map(toForecast)
      .filter((f, i, all) => i === 0 || all[i - 1]!.symbol !== f.symbol);
  }

  /** The models that forecast a symbol on a timeframe, newest forecast first. */
  models(symbol: string, tf: Timeframe): string[] {
    return this.db
      .query<{ model: string }, [string, Timeframe]>('SELECT model FROM forecasts WHERE symbol = ? AND tf = ? GROUP BY model ORDER BY max(open_time) DESC, model')
      .all(symbol, tf)
      .map((r) => r.model);
  }
}
