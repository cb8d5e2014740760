/**
 * Per-worker counters in a SharedArrayBuffer. The router reads them without asking, and they
 * survive the worker's death, which is how a crash is accounted for: whatever a worker took in
 * but had not reported finished is a dead letter. The worker counts in plain fields (Counters)
 * and publishes at every batch and turn boundary; only a batch's arrival is published at once,
 * so that a batch taken by a dying worker is never sent twice.
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

/** The hot-path side of the stats block: plain fields, published in one go. */
export class Counters {
  inbound = 0;
  local = 0;
  processed = 0;
  dropped = 0;
  dead = 0;
  queued = 0;
  turns = 0;

  constructor(private readonly shared: Float64Array) {}

  /** A batch was taken: published immediately (see above). */
  took(seq: number, count: number): void {
    this.inbound += count;
    this.shared[STAT.LAST_BATCH] = seq;
    this.shared[STAT.INBOUND] = this.inbound;
  }

  publish(): void {
    const s = this.shared;
    s[STAT.INBOUND] = this.inbound;
    s[STAT.LOCAL] = this.local;
    s[STAT.PROCESSED] = this.processed;
    s[STAT.DROPPED] = this.dropped;
    s[STAT.DEAD] = this.dead;
    s[STAT.QUEUED] = this.queued;
    s[STAT.TURNS] = this.turns;
  }
}
