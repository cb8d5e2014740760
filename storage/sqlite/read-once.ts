import { existsSync } from 'node:fs';
import { CandleStore } from './candle-store.ts';
import { open } from './open.ts';

/**
 * Opens the store at `path`, reads from it, and closes it: for an actor loading history once at
 * start, off any hot path. A file that does not exist yet holds nothing: `absent`, and no file
 * is created.
 */
export function readCandlesOnce<T>(path: string, read: (store: CandleStore) => T, absent: T): T {
  if (!existsSync(path)) return absent;
  const db = open(path);
  try {
    return read(new CandleStore(db));
  } finally {
    db.close();
  }
}
