import type { Database, Statement } from 'bun:sqlite';
import { z } from 'zod';
import { open } from './open.ts';

export interface LoggedEvent<E = unknown> {
  readonly seq: number;
  readonly event: E;
}

export interface Snapshot<S = unknown> {
  readonly seq: number;
  readonly state: S;
}

// Rows are checked where they leave SQLite: a hand-edited or truncated row fails loudly here.
const row = z.object({ seq: z.number().int().positive(), event: z.string() });
const snapshotRow = z.object({ seq: z.number().int().nonnegative(), state: z.string() });

/**
 * The durable event log of paper accounts: per account, events in seq order (1, 2, 3, ...), and
 * snapshots of the account's state at some seq, so recovery reads the last snapshot and replays
 * only what came after it. The log is the truth; a snapshot is a shortcut that can be rebuilt.
 *
 * Its tables are step 3 of `migrations.ts`: `open()` creates them, so a log always works on a
 * database opened through `open()` (or one that ran the migrations).
 */
export class AccountLog {
  private readonly insert: Statement;
  private readonly maxSeq: Statement<{ seq: number | null }, [string]>;
  private readonly appendAll: { immediate: (events: readonly unknown[]) => number };

  constructor(
    readonly db: Database,
    readonly accountId: string,
  ) {
    this.insert = db.prepare('INSERT INTO account_events (account_id, seq, event) VALUES (?, ?, ?)');
    this.maxSeq = db.prepare('SELECT max(seq) AS seq FROM account_events WHERE account_id = ?');
    // The seq is read inside the transaction, so a second writer on the same account cannot
    // interleave: its insert would collide on the primary key and roll back whole. Run as
    // BEGIN IMMEDIATE (open.ts says why).
    this.appendAll = db.transaction((events: readonly unknown[]) => {
      let seq = this.lastSeq();
      for (const e of events) this.insert.run(this.accountId, ++seq, JSON.stringify(e));
      return seq;
    });
  }

  /** Opens (creating) the SQLite file at `path` with the shared settings: WAL, busy_timeout. */
  static open(path: string, accountId: string): AccountLog {
    return new AccountLog(open(path), accountId);
  }

  /**
   * Appends events in one transaction and returns the seq of the last (the last seq unchanged
   * when `events` is empty). All or nothing: a failure part-way (an event that cannot be
   * serialised, a full disk) writes none of them. Inside a caller's transaction, it joins it.
   */
  append(events: readonly unknown[]): number {
    return events.length === 0 ? this.lastSeq() : this.appendAll.immediate(events);
  }

  lastSeq(): number {
    return this.maxSeq.get(this.accountId)?.seq ?? 0;
  }

  /** Events with seq > `seq`, in order. */
  readSince<E = unknown>(seq: number): LoggedEvent<E>[] {
    const rows = this.db.query('SELECT seq, event FROM account_events WHERE account_id = ? AND seq > ? ORDER BY seq').all(this.accountId, seq);
    return rows.map((r) => {
      const parsed = row.parse(r);
      return { seq: parsed.seq, event: JSON.parse(parsed.event) as E };
    });
  }

  /** Keeps the state as of `seq`; older snapshots are deleted (one is enough to recover). Returns its size (JSON characters). */
  saveSnapshot(seq: number, state: unknown): number {
    const json = JSON.stringify(state);
    this.db.transaction(() => {
      this.db.run('INSERT OR REPLACE INTO account_snapshots (account_id, seq, state) VALUES (?, ?, ?)', [this.accountId, seq, json]);
      this.db.run('DELETE FROM account_snapshots WHERE account_id = ? AND seq < ?', [this.accountId, seq]);
    }).immediate();
    return json.length;
  }

  latestSnapshot<S = unknown>(): Snapshot<S> | null {
    const r = this.db.query('SELECT seq, state FROM account_snapshots WHERE account_id = ? ORDER BY seq DESC LIMIT 1').get(this.accountId);
    if (r === null) return null;
    const parsed = snapshotRow.parse(r);
    return { seq: parsed.seq, state: JSON.parse(parsed.state) as S };
  }

  /**
   * The state as of the last event: the last snapshot (or `initial()` when there is none) with
   * every later event applied by `apply`, in seq order. `snapshot` says which one it started
   * from and its size (JSON characters), so the caller knows when the next is due.
   */
  recover<S, E>(initial: () => S, apply: (state: S, event: E, seq: number) => S): { state: S; seq: number; replayed: number; snapshot: { seq: number; bytes: number } | null } {
    const r = this.db.query('SELECT seq, state FROM account_snapshots WHERE account_id = ? ORDER BY seq DESC LIMIT 1').get(this.accountId);
    const snap = r === null ? null : snapshotRow.parse(r);
    let state = snap ? (JSON.parse(snap.state) as S) : initial();
    let seq = snap?.seq ?? 0;
    const tail = this.readSince<E>(seq);
    for (const e of tail) {
      state = apply(state, e.event, e.seq);
      seq = e.seq;
    }
    return { state, seq, replayed: tail.length, snapshot: snap ? { seq: snap.seq, bytes: snap.state.length } : null };
  }

  close(): void {
    this.db.close();
  }
}
