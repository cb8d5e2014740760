/**
 * The wire format between threads. A batch is one Float64Array of records plus an array of
 * structured-cloned objects the records point into. Every record starts with a 5-double header:
 *
 *   [op, dst, src, seq, count, ...payload]
 *
 * - `dst`, `src`: 53-bit address hashes (0 = the host itself, not an actor);
 * - `seq`: the sender's counter for the first message; a deterministic round orders by it;
 * - `op >= 0`: numeric messages of MessageTable entry `op`: `count` of them back to back, one
 *   sender to one receiver with consecutive seqs (a run: a stream of ticks shares one header);
 * - `op < 0`: one of the object ops below, `count` = 1, payload = [index into the objects].
 *
 * Numbers-only messages (ticks, counters) never touch structured clone: that is the fast path.
 */
export const HEADER = 5;
export const OP_OBJECT = -1;
export const OP_SYSTEM = -2;
export const OP_ASK = -3;

/** A batch as posted between threads. `count` is the number of records in it. */
export interface Batch {
  readonly t: 'batch';
  /** Per-destination batch number, stamped by the router; the host acknowledges it in its stats. */
  seq: number;
  /** Destination worker index as posted by a worker (-1 = the main thread). */
  to: number;
  readonly count: number;
  readonly f64: Float64Array;
  readonly objs: unknown[];
  /** Router bookkeeping: the asks in this batch, so a crash can tell which ones were taken. */
  asks?: number[];
}
