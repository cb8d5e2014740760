import type { CardPeriod } from '../registry/card-schema.ts';
import type { PooledDataset } from './pooled-dataset.ts';

/** First and last candle open time (UTC, ISO 8601) and the count of some time-ordered rows. */
export function period(pool: PooledDataset, rows: Uint32Array): CardPeriod {
  if (rows.length === 0) throw new RangeError('Cannot describe an empty period');
  const iso = (row: number) => new Date(pool.times[row]!).toISOString();
  return { first: iso(rows[0]!), last: iso(rows[rows.length - 1]!), rows: rows.length };
}
