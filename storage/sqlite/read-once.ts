import type { Database } from 'bun:sqlite';
import { existsSync } from 'node:fs';
import { CandleStore } from './candle-store.ts';
import { ForecastStore } from './forecast-store.ts';
import { open } from './open.ts';

/**
 * Opens the database at `path`, reads from it, and closes it: for an actor loading history once
 * at start, off any hot path. A file that does not exist yet holds nothing: `absent`, and no
 * file is created.
 */
function readOnce<T>(path: string, read: (db: Database) => T, absent: T): T {
  if (!existsSync(path)) return absent;
  const db = open(path);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export const readCandlesOnce = <T>(path: string, read: (store: CandleStore) => T, absent: T): T => readOnce(path, (db) => read(new CandleStore(db)), absent);

export const readForecastsOnce = <T>(path: string, read: (store: ForecastStore) => T, absent: T): T => readOnce(path, (db) => read(new ForecastStore(db)), absent);
