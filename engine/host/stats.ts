/**
 * Per-worker counters in a SharedArrayBuffer. The worker writes them as it goes (one store per
 * message); the router reads them without asking, and they survive the worker's death, which
 * is how a crash is accounted for exactly: whatever was received but not finished is a dead letter.
 */
export const STAT = {
  /** Records taken from inbound batches. */
  INBOUND: 0,
  /** Messages enqueued by this worker for its own actors (local tells, timers, local system messages). */
  LOCAL: 1,
  PROCESSED: 2,
  DROPPED: 3,
  DEAD: 4,
  /** The last inbound batch number taken: the router re-sends later ones to a respawned worker. */
  LAST_BATCH: 5,
  /** User messages waiting in mailboxes now. */
  QUEUED: 6,
  TURNS: 7,
} as const;

const SLOTS = 8;

export const newStatsBuffer = (): SharedArrayBuffer => new SharedArrayBuffer(SLOTS * Float64Array.BYTES_PER_ELEMENT);

/** Messages a worker has not finished: received but unprocessed, plus posted but not yet received. */
export const backlog = (stats: Float64Array, sentTo: number): number => sentTo - stats[STAT.INBOUND]! + stats[STAT.QUEUED]!;

/** What a dead worker leaves unaccounted: every message it took in but did not finish. */
export const unfinished = (s: Float64Array): number =>
  s[STAT.INBOUND]! + s[STAT.LOCAL]! - s[STAT.PROCESSED]! - s[STAT.DROPPED]! - s[STAT.DEAD]!;
