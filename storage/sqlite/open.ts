import { Database } from 'bun:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.ts';

/** How long a writer waits for another connection's lock before SQLITE_BUSY (ms). */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating it and its folder if needed) the SQLite database at `path`, or an in-memory one
 * for ':memory:', and migrates it to the current schema.
 *
 * - WAL: readers (the API) never block the writer (the engine) and the other way round.
 * - synchronous=NORMAL: in WAL mode a commit survives a process crash; only a power loss can
 *   undo the last commits, never corrupt the file. Candles can be re-imported; speed wins.
 * - foreign_keys: off by default in SQLite, on here so later tables get what they declare.
 * - busy_timeout: a second connection (the CLI importing while the engine runs, an account
 *   actor beside the candle store) waits for the lock instead of failing at once. It only
 *   helps a transaction that asks for the write lock first: one that read before writing
 *   (BEGIN DEFERRED, the default) fails with SQLITE_BUSY at once when another connection
 *   committed since its read. So every write transaction here is `.immediate()`.
 */
export function open(path: string): Database {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { create: true, strict: true });
  try {
    // First: everything after it may need a lock another connection holds.
    db.run(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!memory) db.run('PRAGMA journal_mode = WAL');
    db.run('PRAGMA synchronous = NORMAL');
    db.run('PRAGMA foreign_keys = ON');
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
