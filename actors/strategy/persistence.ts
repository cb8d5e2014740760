import type { Database } from 'bun:sqlite';
import { open } from '../../storage/sqlite/open.ts';
import { SignalStore, StrategyStore } from '../../storage/sqlite/signal-store.ts';
import type { BookState } from '../../strategies/book.ts';
import type { Signal, SignalStatus } from '../../strategies/signal.ts';
import type { StrategyStats } from './messages.ts';

const EARLIER: Record<SignalStatus, SignalStatus[]> = { sent: [], accepted: ['sent'], rejected: ['sent', 'accepted', 'rejected'], canceled: ['sent', 'accepted'], filled: ['sent', 'accepted'] };

/**
 * Where a strategy actor keeps its signals and its book: the SQLite file of its props, or
 * nowhere. A write that fails (a full disk, a locked file past its timeout) is reported in the
 * stats rather than thrown: the orders matter more than their record, and a throw would lose
 * the decision with the message that made it.
 */
export class Persistence {
  private constructor(
    private readonly db: Database | null,
    private readonly strategyId: string,
  ) {}

  static open(path: string | undefined, strategyId: string): Persistence {
    return new Persistence(path ? open(path) : null, strategyId);
  }

  private write(stats: StrategyStats, what: string, fn: (db: Database) => void): void {
    if (!this.db) return;
    try {
      fn(this.db);
    } catch (e) {
      stats.lastError = `${what} not stored: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  insert(g: Signal, stats: StrategyStats): void {
    this.write(stats, `signal ${g.clientOrderId}`, (db) => new SignalStore(db).insert(g));
  }

  setStatus(cid: string, to: SignalStatus, note: string | null, stats: StrategyStats): void {
    this.write(stats, `status of ${cid}`, (db) => new SignalStore(db).setStatus(this.strategyId, cid, to, EARLIER[to], note));
  }

  saveBook(book: Readonly<BookState>, stats: StrategyStats): void {
    this.write(stats, 'book', (db) => new StrategyStore(db).saveBook(this.strategyId, book));
  }

  /** The book saved at the last fill, when the strategy was started before. */
  book(): BookState | undefined {
    return this.db ? ((new StrategyStore(this.db).get(this.strategyId)?.book ?? undefined) as BookState | undefined) : undefined;
  }

  /** The newest signals stored, oldest first. */
  recent(limit: number): Signal[] {
    return this.db && limit > 0 ? (new SignalStore(this.db).recent(this.strategyId, { limit }).reverse() as Signal[]) : [];
  }

  close(): void {
    this.db?.close();
  }
}
