/**
 * A bounded actor mailbox. System messages (stop, restart, failures) sit in their own queue
 * and are always taken first. User messages sit in a ring of (message, sender hash, sender seq)
 * slots held in parallel arrays, so enqueueing allocates nothing.
 *
 * Overflow policies, chosen per actor kind:
 * - `drop-oldest`: latest wins (market data: a stale quote is worth less than a fresh one);
 * - `drop-newest`: the new message is refused;
 * - `backpressure`: nothing is dropped (commands, orders); the depth beyond capacity counts
 *   toward the worker's backlog, which makes producers pause (see host/backpressure).
 */
export type OverflowPolicy = 'drop-oldest' | 'drop-newest' | 'backpressure';

export interface MailboxSpec {
  readonly capacity: number;
  readonly overflow: OverflowPolicy;
}

export const DEFAULT_MAILBOX: MailboxSpec = { capacity: 100_000, overflow: 'backpressure' };

const INITIAL = 16;
/** Rings beyond this many slots are released when they drain (hysteresis: steady flows keep theirs). */
const SHRINK_ABOVE = 4_096;

export class Mailbox {
  readonly system: unknown[] = [];
  private msgs: unknown[];
  private srcs: Float64Array;
  private seqs: Float64Array;
  private head = 0;
  private size = 0;
  /** The most messages waiting at once since the last drain. */
  private peak = 0;
  /** Sender hash and sequence of the message last taken by shift(). */
  lastSrc = 0;
  lastSeq = 0;

  constructor(readonly spec: MailboxSpec = DEFAULT_MAILBOX) {
    this.msgs = new Array(INITIAL);
    this.srcs = new Float64Array(INITIAL);
    this.seqs = new Float64Array(INITIAL);
  }

  get depth(): number {
    return this.size + this.system.length;
  }

  get userDepth(): number {
    return this.size;
  }

  /** Enqueues a user message; returns how many messages the overflow policy dropped (0 or 1). */
  push(msg: unknown, src: number, seq: number): number {
    if (this.size >= this.spec.capacity) {
      if (this.spec.overflow === 'drop-newest') return 1;
      if (this.spec.overflow === 'drop-oldest') {
        this.shift();
        this.write(msg, src, seq);
        return 1;
      }
    }
    this.write(msg, src, seq);
    return 0;
  }

  shift(): unknown {
    const mask = this.msgs.length - 1;
    const i = this.head;
    const msg = this.msgs[i];
    this.msgs[i] = undefined;
    this.lastSrc = this.srcs[i]!;
    this.lastSeq = this.seqs[i]!;
    this.head = (i + 1) & mask;
    if (--this.size === 0) this.drained();
    return msg;
  }

  /**
   * A flood can leave a ring far larger than the traffic that follows. It is released only at a
   * drain whose peak used under an eighth of it: steady bursts keep their ring (re-growing one on
   * every batch cost a third of the cross-worker throughput), idle actors do not hoard memory.
   */
  private drained(): void {
    if (this.msgs.length > SHRINK_ABOVE && this.peak * 8 < this.msgs.length) this.shrink();
    this.peak = 0;
  }

  private shrink(): void {
    this.msgs = new Array(INITIAL);
    this.srcs = new Float64Array(INITIAL);
    this.seqs = new Float64Array(INITIAL);
    this.head = 0;
  }

  /** Removes every user message (an actor stopped or its worker died); returns how many. */
  clear(): number {
    const n = this.size;
    while (this.size > 0) this.shift();
    return n;
  }

  /** Orders pending user messages by (sender, sequence): the delivery order of a deterministic round. */
  sortPending(): void {
    const entries: { msg: unknown; src: number; seq: number }[] = [];
    while (this.size > 0) {
      const msg = this.shift();
      entries.push({ msg, src: this.lastSrc, seq: this.lastSeq });
    }
    entries.sort((a, b) => a.src - b.src || a.seq - b.seq);
    for (const e of entries) this.write(e.msg, e.src, e.seq);
  }

  private write(msg: unknown, src: number, seq: number): void {
    if (this.size === this.msgs.length) this.grow();
    const i = (this.head + this.size) & (this.msgs.length - 1);
    this.msgs[i] = msg;
    this.srcs[i] = src;
    this.seqs[i] = seq;
    if (++this.size > this.peak) this.peak = this.size;
  }

  private grow(): void {
    const n = this.msgs.length;
    const msgs = new Array(n * 2);
    const srcs = new Float64Array(n * 2);
    const seqs = new Float64Array(n * 2);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & (n - 1);
      msgs[k] = this.msgs[i];
      srcs[k] = this.srcs[i]!;
      seqs[k] = this.seqs[i]!;
    }
    this.msgs = msgs;
    this.srcs = srcs;
    this.seqs = seqs;
    this.head = 0;
  }
}
