import type { Message } from '../behaviour/behaviour.ts';
import type { BehaviourRegistry } from '../behaviour/registry.ts';
import { nextMacrotask, pauseBriefly } from '../clock/macrotask.ts';
import type { Clock } from '../clock/clock.ts';
import { SimClock } from '../clock/sim-clock.ts';
import { MAIN, ROOT, type Address, type Topic } from '../names.ts';
import { Subscriptions } from '../pubsub/subscriptions.ts';
import { BatchWriter, FLUSH_AT } from '../wire/batch.ts';
import { parseToWorker, type InitMessage } from '../wire/control.ts';
import { OP_SYSTEM } from '../wire/records.ts';
import type { SystemMessageIn } from '../wire/system.ts';
import { MessageTable } from '../wire/table.ts';
import type { ActorCell } from './cell.ts';
import { DeadLetterLog, typeName } from './dead-letters.ts';
import { HotLoop } from './hot-loop.ts';
import { Inbound } from './inbound.ts';
import { Lifecycle } from './lifecycle.ts';
import { RefCache, type Ref } from './refs.ts';
import { backlog, Counters } from './stats.ts';

/** Messages one actor may process before the others get a turn (fairness). */
const THROUGHPUT = 1_000;
/** Messages per turn before yielding to the event loop, so inbound posts are read. */
const TURN_BUDGET = 100_000;

export type Post = (data: unknown, transfer?: ArrayBufferLike[]) => void;

/**
 * Runs many actors on one worker thread. Inbound batches are decoded into mailboxes; a turn
 * runs ready actors (system messages first, `THROUGHPUT` each); what they send to other workers
 * is batched per destination and posted at the end of the turn. Delivery between actors of
 * this worker never leaves it.
 *
 * Two modes: free-running (live), and stepped (simulation), where the router drives rounds and
 * every message is delivered in the round after it was sent, ordered by (sender, seq), so the
 * outcome does not depend on placement or scheduling.
 */
export class WorkerHost {
  readonly index: number;
  readonly workers: number;
  readonly cells = new Map<number, ActorCell>();
  readonly subs = new Subscriptions<Address>();
  readonly deadLetters = new DeadLetterLog();
  readonly counts: Counters;
  readonly refs: RefCache;
  readonly lifecycle: Lifecycle;
  private readonly inbound: Inbound;
  private readonly stepped: boolean;
  private readonly writers: BatchWriter[];
  private readonly peers: Float64Array[];
  private readonly sentTo: Float64Array;
  private readonly highWater: number;
  private readonly hot: HotLoop;
  private runQueue: ActorCell[] = [];
  private runHead = 0;
  private turnScheduled = false;
  private congestedMidTurn = false;
  private inTurn = false;
  /** Stepped mode: local deliveries wait here for the next round. */
  private deferred: (() => void)[] = [];
  private sentThisRound = 0;
  readonly dirtySnapshots = new Set<ActorCell>();

  constructor(
    init: InitMessage,
    readonly registry: BehaviourRegistry,
    readonly clock: Clock,
    private readonly post: Post,
  ) {
    this.index = init.index;
    this.workers = init.workers;
    this.stepped = init.clock.mode === 'sim';
    this.counts = new Counters(new Float64Array(init.stats[init.index]!));
    this.peers = init.stats.map((b) => new Float64Array(b));
    this.sentTo = new Float64Array(init.sentTo);
    this.highWater = init.highWater;
    this.refs = new RefCache(init.workers, init.placement, new MessageTable(registry));
    this.writers = Array.from({ length: init.workers + 1 }, () => new BatchWriter());
    this.lifecycle = new Lifecycle(this);
    this.inbound = new Inbound(this);
    this.hot = new HotLoop(clock, this.stepped ? 0 : init.spinMs, () => this.runHead < this.runQueue.length);
  }

  // ---- inbound ---------------------------------------------------------------------------

  receive(data: unknown): void {
    const parsed = parseToWorker(data);
    if (!parsed.ok) {
      this.counts.inbound++; // it did arrive: count it in, then out as a dead letter
      this.dead('(worker)', '(post)', parsed.error);
      this.counts.publish();
      return;
    }
    const m = parsed.value;
    switch (m.t) {
      case 'batch':
        this.inbound.accept(m);
        if (!this.stepped) this.runTurn();
        else this.counts.publish();
        return;
      case 'stats':
        this.peers[m.index] = new Float64Array(m.buffer);
        return;
      case 'advance':
        if (!(this.clock instanceof SimClock)) return this.dead('(worker)', 'advance', 'advance sent to a live-clock worker');
        this.clock.advanceTo(m.time);
        return;
      case 'round':
        this.runRound(m.n);
        return;
      case 'init':
        this.dead('(worker)', 'init', 'worker is already initialised');
    }
  }

  /** Puts a system message in its queue: it will be handled before any waiting user message. */
  enqueueSystem(cell: ActorCell, msg: unknown): void {
    cell.mailbox.system.push(msg);
    this.counts.queued++;
    this.schedule(cell);
  }

  /** Puts a user message in a mailbox, applying its overflow policy. */
  enqueue(cell: ActorCell, msg: unknown, src: number, seq: number): void {
    const dropped = cell.mailbox.push(msg, src, seq);
    if (dropped > 0) {
      cell.dropped += dropped;
      this.counts.dropped += dropped;
    }
    this.counts.queued += 1 - dropped;
    this.schedule(cell);
  }

  // ---- outbound --------------------------------------------------------------------------

  /** A message from an actor (or this host, src 0) to any address. */
  send(ref: Ref, msg: Message, src: number, seq: number): void {
    if (this.stepped) this.sentThisRound++;
    if (ref.worker === this.index) return this.local(ref, msg, src, seq, false);
    const w = this.writers[ref.worker]!;
    w.message(ref.entry(msg.type), ref.hash, src, seq, msg);
    this.flushSoon();
    if (w.size > FLUSH_AT) {
      this.flushTo(ref.worker);
      // A long turn must not outrun a busy consumer: end it, and let the next one wait.
      if (this.overHighWater(ref.worker)) this.congestedMidTurn = true;
    }
  }

  sendSystem(to: Address, msg: SystemMessageIn, src: number, seq: number): void {
    if (to === ROOT || to === MAIN) return this.toMain(msg, src, seq);
    const ref = this.refs.get(to);
    this.sentThisRound++;
    if (ref.worker === this.index) return this.local(ref, msg, src, seq, true);
    this.writers[ref.worker]!.object(OP_SYSTEM, ref.hash, src, seq, msg);
    this.flushSoon();
  }

  /** A system message for a worker host itself (a spawn placed there). */
  sendToHost(worker: number, msg: SystemMessageIn): void {
    this.sentThisRound++;
    this.writers[worker]!.object(OP_SYSTEM, 0, 0, 0, msg);
  }

  toMain(msg: SystemMessageIn, src = 0, seq = 0): void {
    this.writers[this.workers]!.object(OP_SYSTEM, 0, src, seq, msg);
    this.flushSoon();
  }

  /**
   * Batches go out when a turn ends. An actor that owns I/O (a venue socket) sends from its
   * callbacks, outside any turn: those sends get a turn of their own, so they do not wait for
   * the next message to arrive.
   */
  private flushSoon(): void {
    if (!this.inTurn && !this.stepped) this.ensureTurn();
  }

  publish(t: Topic, msg: Message, src: number, seq: number): void {
    for (const subscriber of this.subs.resolve(t)) {
      if (subscriber === MAIN) this.toMain({ t: 'publish', topic: t, msg }, src, seq);
      else this.send(this.refs.get(subscriber), msg, src, seq);
    }
  }

  event(event: { type: string; [k: string]: unknown }): void {
    const e = { ...event, at: this.clock.now(), worker: this.index };
    this.toMain({ t: 'event', event: e });
  }

  private local(ref: Ref, msg: unknown, src: number, seq: number, system: boolean): void {
    this.counts.local++;
    if (this.stepped) this.deferred.push(() => this.deliverLocal(ref, msg, src, seq, system));
    else this.deliverLocal(ref, msg, src, seq, system);
  }

  /** Now when free-running; in the next round when stepped, as a message to another worker would be. */
  runLocally(effect: () => void): void {
    if (!this.stepped) return effect();
    this.sentThisRound++;
    this.deferred.push(effect);
  }

  private deliverLocal(ref: Ref, msg: unknown, src: number, seq: number, system: boolean): void {
    let cell = ref.cell;
    if (cell === undefined || cell.status === 'stopped') cell = ref.cell = this.cells.get(ref.hash);
    if (!cell) return this.dead(ref.address, typeName(msg, system ? 't' : 'type'), 'no such actor');
    if (system) this.enqueueSystem(cell, msg);
    else this.enqueue(cell, msg, src, seq);
  }

  /** A timer fired for `cell`: deliver its message now, in either mode. */
  timerFired(cell: ActorCell, msg: Message): void {
    if (cell.status === 'stopped') return;
    this.counts.local++;
    this.enqueue(cell, msg, cell.hash, ++cell.seq);
    if (!this.stepped) this.ensureTurn();
  }

  dead(to: string, type: string, reason: string, count = 1): void {
    this.counts.dead += count;
    this.deadLetters.record({ at: this.clock.now(), to, type, reason });
  }

  // ---- scheduling ------------------------------------------------------------------------

  schedule(cell: ActorCell): void {
    if (cell.scheduled || this.stepped) return;
    cell.scheduled = true;
    this.runQueue.push(cell);
    if (!this.inTurn) this.ensureTurn();
  }

  private ensureTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    nextMacrotask(this.runTurn);
  }

  private readonly runTurn = (): void => {
    this.turnScheduled = false;
    if (this.inTurn) return;
    if (this.producersMustWait()) {
      pauseBriefly();
      this.ensureTurn();
      return;
    }
    this.inTurn = true;
    let budget = TURN_BUDGET;
    while (budget > 0 && this.runHead < this.runQueue.length) {
      const cell = this.runQueue[this.runHead++]!;
      cell.scheduled = false;
      budget -= this.lifecycle.run(cell, cell.behaviour.throughput ?? THROUGHPUT);
      // Not when already queued: an actor that told itself during its visit was queued then, and
      // queueing it twice would double its share of every round after.
      if (!cell.scheduled && cell.status !== 'stopped' && (cell.mailbox.system.length > 0 || (cell.status === 'running' && cell.mailbox.userDepth > 0))) {
        cell.scheduled = true;
        this.runQueue.push(cell);
      }
      if (this.congestedMidTurn) break; // after re-queueing: an actor left with work must not be stranded
    }
    if (this.runHead === this.runQueue.length) {
      this.runQueue = [];
      this.runHead = 0;
    }
    this.inTurn = false;
    this.congestedMidTurn = false;
    this.counts.turns++;
    this.flush();
    if (this.runHead < this.runQueue.length) this.ensureTurn();
    else this.hot.keepHot();
  };

  /**
   * Back-pressure: while another worker is over its high-water mark, this one stops running
   * its actors (so it stops producing), unless its own backlog is high too: it must drain,
   * which also makes a cycle of busy workers impossible to deadlock.
   */
  private producersMustWait(): boolean {
    this.counts.publish();
    if (this.overHighWater(this.index)) return false;
    for (let w = 0; w < this.workers; w++) if (w !== this.index && this.overHighWater(w)) return true;
    return false;
  }

  private overHighWater(worker: number): boolean {
    return backlog(this.peers[worker]!, this.sentTo[worker]!) > this.highWater;
  }

  /** One deterministic round (stepped mode): every pending message, in (sender, seq) order per actor. */
  private runRound(n: number): void {
    this.sentThisRound = 0;
    const ready = [...this.cells.values()].filter((c) => c.mailbox.depth > 0).sort((a, b) => a.hash - b.hash);
    for (const cell of ready) cell.mailbox.sortPending();
    for (const cell of ready) this.lifecycle.run(cell, Infinity);
    const deferred = this.deferred;
    this.deferred = [];
    for (const effect of deferred) effect();
    this.flush();
    this.post({ t: 'roundDone', index: this.index, n, sent: this.sentThisRound, nextTimer: (this.clock as SimClock).nextTimerAt() });
  }

  // ---- flushing --------------------------------------------------------------------------

  flush(): void {
    this.counts.publish();
    for (const cell of this.dirtySnapshots) this.toMain({ t: 'snapshot', address: cell.address, data: cell.snapshot });
    this.dirtySnapshots.clear();
    for (let w = 0; w <= this.workers; w++) this.flushTo(w);
  }

  private flushTo(w: number): void {
    const batch = this.writers[w]!.take(w === this.workers ? -1 : w);
    if (batch) this.post(batch, [batch.f64.buffer]);
  }
}
