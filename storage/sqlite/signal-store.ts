import type { Database, Statement } from 'bun:sqlite';
import { z } from 'zod';
import type { Signal } from '../../strategies/signal.ts';

/** A strategy's signal as stored: the one strategies/signal.ts publishes. */
export type SignalRecord = Readonly<Signal>;

/** A started strategy as stored: its validated config (JSON), whether it runs, and its own book. */
export interface StoredStrategy {
  readonly id: string;
  readonly config: unknown;
  readonly running: boolean;
  /** The strategy's book (strategies/book.ts) as of its last fill; null before any. */
  readonly book: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
}

const signalRow = z.object({
  strategy_id: z.string(),
  client_order_id: z.string(),
  time: z.number(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  qty: z.number(),
  order_type: z.enum(['market', 'limit', 'stop']),
  limit_price: z.number().nullable(),
  stop_price: z.number().nullable(),
  time_in_force: z.enum(['gtc', 'day', 'ioc', 'fok']),
  reason: z.string(),
  cause: z.enum(['candle', 'indicators', 'forecast', 'fill', 'exit']),
  price: z.number().nullable(),
  status: z.enum(['sent', 'accepted', 'rejected', 'filled', 'canceled']),
  note: z.string().nullable(),
});

// Rows are checked where they leave SQLite: a hand-edited row fails here, not in a client.
const toSignal = (row: unknown): SignalRecord => {
  const r = signalRow.parse(row);
  return {
    strategyId: r.strategy_id,
    clientOrderId: r.client_order_id,
    time: r.time,
    symbol: r.symbol,
    side: r.side,
    qty: r.qty,
    orderType: r.order_type,
    limitPrice: r.limit_price,
    stopPrice: r.stop_price,
    timeInForce: r.time_in_force,
    reason: r.reason,
    trigger: r.cause,
    price: r.price,
    status: r.status,
    note: r.note,
  };
};

const strategyRow = z.object({ id: z.string(), config: z.string(), running: z.number(), book: z.string().nullable(), created_at: z.number(), updated_at: z.number() });
const toStrategy = (row: unknown): StoredStrategy => {
  const r = strategyRow.parse(row);
  return { id: r.id, config: JSON.parse(r.config), running: r.running === 1, book: r.book === null ? null : JSON.parse(r.book), createdAt: r.created_at, updatedAt: r.updated_at };
};

/**
 * The signals table (migrations.ts step 4). A signal is written once per (strategy,
 * client_order_id): the same decision made again by a restarted strategy is ignored, and only
 * its status moves on (sent → accepted → filled, or rejected with the account's reason).
 */
export class SignalStore {
  constructor(private readonly db: Database) {}

  private get insertSql(): Statement {
    return this.db.query(
      `INSERT OR IGNORE INTO signals (strategy_id, client_order_id, time, symbol, side, qty, order_type, limit_price, stop_price, time_in_force, reason, cause, price, status, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** True when the signal is new; false when that decision was stored already. */
  insert(s: SignalRecord): boolean {
    const r = this.insertSql.run(s.strategyId, s.clientOrderId, s.time, s.symbol, s.side, s.qty, s.orderType, s.limitPrice, s.stopPrice, s.timeInForce, s.reason, s.trigger, s.price, s.status, s.note);
    return r.changes === 1;
  }

  /**
   * Moves a signal's status on, only from the statuses in `from` (a late acknowledgement must
   * not turn a filled signal back into an accepted one). False when nothing moved.
   */
  setStatus(strategyId: string, clientOrderId: string, status: SignalRecord['status'], from: readonly SignalRecord['status'][], note: string | null = null): boolean {
    if (from.length === 0) return false;
    const r = this.db
      .query(`UPDATE signals SET status = ?, note = coalesce(?, note) WHERE strategy_id = ? AND client_order_id = ? AND status IN (${from.map(() => '?').join(', ')})`)
      .run(status, note, strategyId, clientOrderId, ...from);
    return r.changes === 1;
  }

  /** The newest first; `before` pages back by time. */
  recent(strategyId: string, options: { limit: number; before?: number }): SignalRecord[] {
    const before = options.before ?? Number.MAX_SAFE_INTEGER;
    return this.db
      .query('SELECT * FROM signals WHERE strategy_id = ? AND time < ? ORDER BY time DESC, client_order_id DESC LIMIT ?')
      .all(strategyId, before, options.limit)
      .map(toSignal);
  }

  get(strategyId: string, clientOrderId: string): SignalRecord | undefined {
    const row = this.db.query('SELECT * FROM signals WHERE strategy_id = ? AND client_order_id = ?').get(strategyId, clientOrderId);
    return row ? toSignal(row) : undefined;
  }
}

/**
 * The strategies table (step 4): what was started, so a restarted engine starts it again. A
 * stop keeps the row (its signals stay readable) with `running` 0; starting the same id again
 * takes the new config and keeps the book, since its positions are still in the account.
 */
export class StrategyStore {
  constructor(private readonly db: Database) {}

  save(id: string, config: unknown, at: number): void {
    this.db
      .query(
        `INSERT INTO strategies (id, config, running, book, created_at, updated_at) VALUES (?, ?, 1, NULL, ?, ?)
         ON CONFLICT (id) DO UPDATE SET config = excluded.config, running = 1, updated_at = excluded.updated_at`,
      )
      .run(id, JSON.stringify(config), at, at);
  }

  setRunning(id: string, running: boolean, at: number): boolean {
    return this.db.query('UPDATE strategies SET running = ?, updated_at = ? WHERE id = ?').run(running ? 1 : 0, at, id).changes === 1;
  }

  saveBook(id: string, book: unknown): void {
    this.db.query('UPDATE strategies SET book = ? WHERE id = ?').run(JSON.stringify(book), id);
  }

  get(id: string): StoredStrategy | undefined {
    const row = this.db.query('SELECT * FROM strategies WHERE id = ?').get(id);
    return row ? toStrategy(row) : undefined;
  }

  list(options: { running?: boolean } = {}): StoredStrategy[] {
    const rows = options.running === undefined ? this.db.query('SELECT * FROM strategies ORDER BY id').all() : this.db.query('SELECT * FROM strategies WHERE running = ? ORDER BY id').all(options.running ? 1 : 0);
    return rows.map(toStrategy);
  }
}
