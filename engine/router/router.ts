import type { Message } from '../behaviour/behaviour.ts';
import type { BehaviourRegistry } from '../behaviour/registry.ts';
import type { Clock } from '../clock/clock.ts';
import { MAIN_HASH } from '../hash.ts';
import { backlog } from '../host/stats.ts';
import { MAIN, type Address, type Topic, type TopicPattern } from '../names.ts';
import type { PlacementOverrides } from '../placement.ts';
import { Subscriptions } from '../pubsub/subscriptions.ts';
import { RefCache } from '../host/refs.ts';
import type { SupervisorSpec } from '../supervision/supervisor.ts';
import { BatchWriter } from '../wire/batch.ts';
import type { InitMessage } from '../wire/control.ts';
import { OP_ASK, OP_SYSTEM, type Batch } from '../wire/records.ts';
import type { SystemMessageIn } from '../wire/system.ts';
import { MessageTable } from '../wire/table.ts';
import { HotLoop } from '../host/hot-loop.ts';
import { PendingAsks } from './asks.ts';
import { Directory } from './directory.ts';
import { RootSupervisor } from './root.ts';
import { WorkerReports } from './reports.ts';
import { recoverWorker } from './respawn.ts';
import { WorkerSlot } from './worker-slot.ts';

export interface RouterOptions {
  readonly workers: number;
  readonly behaviourModules: readonly string[];
  readonly placement: PlacementOverrides;
  readonly clock: { mode: 'live' | 'sim'; start: number };
  readonly supervisor: SupervisorSpec;
  readonly highWater: number;
  readonly spinMs: number;
}

export type EngineEventListener = (event: { type: string; at: number; [k: string]: unknown }) => void;
export type Listener = (msg: unknown, topic: Topic) => void;


/**
 * The central router on the main thread. It owns placement and the subscription table,
 * relays batches between workers (holding them for a worker that is being respawned), runs
 * the root supervisor, answers asks, and keeps the directory of live actors and snapshots.
 */
export class Router {
  readonly slots: WorkerSlot[];
  readonly directory = new Directory();
  readonly subs = new Subscriptions<Address>();
  readonly listeners = new Subscriptions<Listener>();
  readonly asks: PendingAsks;
  readonly refs: RefCache;
  readonly root: RootSupervisor;
  private readonly hot: HotLoop;
  /** What workers report to the main thread: replies, spawns, snapshots, failures, publishes. */
  readonly reports: WorkerReports;
  /** Called with every `roundDone` (stepped mode drives rounds). */
  onRoundDone: (index: number, sent: number, nextTimer: number) => void = () => {};
  /** Called when a worker thread dies, before its successor is started (stepped mode: its round will never be done). */
  onWorkerDied: (index: number) => void = () => {};
  private readonly eventListeners = new Set<EngineEventListener>();
  private readonly writers: BatchWriter[];
  private readonly unflushedAsks: number[][];
  private readonly sentToBuffer: SharedArrayBuffer;
  private readonly sentTo: Float64Array;
  private flushQueued = false;
  private seq = 0;
  readonly stepped: boolean;

  constructor(
    readonly options: RouterOptions,
    readonly registry: BehaviourRegistry,
    readonly clock: Clock,
  ) {
    const n = options.workers;
    this.stepped = options.clock.mode === 'sim';
    this.sentToBuffer = new SharedArrayBuffer(n * 8);
    this.sentTo = new Float64Array(this.sentToBuffer);
    this.refs = new RefCache(n, options.placement, new MessageTable(registry));
    this.writers = Array.from({ length: n }, () => new BatchWriter());
    this.unflushedAsks = Array.from({ length: n }, () => []);
    this.asks = new PendingAsks(clock);
    this.hot = new HotLoop(clock, this.stepped ? 0 : options.spinMs, () => this.asks.size === 0);
    this.slots = Array.from({ length: n }, (_, i) => new WorkerSlot(i, this, this.sentTo));
    this.reports = new WorkerReports(this);
    this.root = new RootSupervisor(options.supervisor, registry, this.directory, {
      now: () => clock.now(),
      send: (to, msg) => this.system(to, msg),
      event: (e) => this.emit(e),
    });
  }

  async start(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.start()));
  }

  // ---- sending from the main thread -------------------------------------------------------

  /** Returns false when the destination worker is over its high-water mark (the message is still queued). */
  tell(to: Address, msg: Message): boolean {
    const ref = this.refs.get(to);
    const writer = this.writers[ref.worker]!;
    writer.message(ref.entry(msg.type), ref.hash, MAIN_HASH, ++this.seq, msg);
    this.scheduleFlush();
    return backlog(this.slots[ref.worker]!.stats, this.sentTo[ref.worker]!) + writer.count <= this.options.highWater;
  }

  ask(to: Address, msg: Message, timeoutMs: number): Promise<unknown> {
    const ref = this.refs.get(to);
    const { id, reply } = this.asks.open(to, ref.worker, msg.type, timeoutMs);
    this.writers[ref.worker]!.object(OP_ASK, ref.hash, MAIN_HASH, ++this.seq, { askId: id, msg });
    this.unflushedAsks[ref.worker]!.push(id);
    this.scheduleFlush();
    this.hot.keepHot(); // the reply is picked up at once instead of waking a parked thread
    return reply;
  }

  system(to: Address, msg: SystemMessageIn): void {
    const ref = this.refs.get(to);
    this.writers[ref.worker]!.object(OP_SYSTEM, ref.hash, MAIN_HASH, ++this.seq, msg);
    this.scheduleFlush();
  }

  toHost(worker: number, msg: SystemMessageIn): void {
    this.writers[worker]!.object(OP_SYSTEM, 0, MAIN_HASH, ++this.seq, msg);
    this.scheduleFlush();
  }

  publish(t: Topic, msg: Message): void {
    for (const subscriber of this.subs.resolve(t)) this.tell(subscriber, msg);
    for (const listener of this.listeners.resolve(t)) listener(msg, t);
  }

  listen(pattern: TopicPattern, listener: Listener): () => void {
    this.listeners.add(pattern, listener);
    this.broadcastSubscription('subscribe', pattern, MAIN);
    return () => {
      this.listeners.remove(pattern, listener);
      if (!this.listeners.entries().some((e) => e.pattern === pattern)) this.broadcastSubscription('unsubscribe', pattern, MAIN);
    };
  }

  onEvent(listener: EngineEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  emit(e: { type: string; [k: string]: unknown }): void {
    const event = { at: this.clock.now(), ...e };
    for (const l of this.eventListeners) l(event);
  }

  /** Posts everything the main thread has written. Returns how many records went out. */
  flush(): number {
    this.flushQueued = false;
    let n = 0;
    for (let w = 0; w < this.writers.length; w++) n += this.flushTo(w);
    return n;
  }

  private flushTo(w: number): number {
    const batch = this.writers[w]!.take(w);
    if (!batch) return 0;
    if (this.unflushedAsks[w]!.length > 0) {
      batch.asks = this.unflushedAsks[w];
      this.unflushedAsks[w] = [];
    }
    this.slots[w]!.post(batch);
    return batch.count;
  }

  private scheduleFlush(): void {
    // Stepped mode: the sim driver flushes at round boundaries, so nothing slips between its checks.
    if (this.flushQueued || this.stepped) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  broadcastSubscription(t: 'subscribe' | 'unsubscribe', pattern: string, subscriber: Address, except = -1): void {
    for (let w = 0; w < this.slots.length; w++) if (w !== except) this.toHost(w, { t, pattern, subscriber });
  }

  // ---- from the workers ------------------------------------------------------------------

  initFor(slot: WorkerSlot, control: MessagePort): InitMessage {
    return {
      t: 'init',
      index: slot.index,
      workers: this.slots.length,
      behaviourModules: [...this.options.behaviourModules],
      placement: { ...this.options.placement },
      clock: { mode: this.options.clock.mode, start: this.clock.now() },
      stats: this.slots.map((s) => s.statsBuffer),
      sentTo: this.sentToBuffer,
      highWater: this.options.highWater,
      spinMs: this.options.spinMs,
      control,
    };
  }

  fromWorker(slot: WorkerSlot, data: unknown): void {
    const d = data as { t?: string; f64?: unknown; objs?: unknown; sent?: number; nextTimer?: number };
    if (d.t === 'roundDone') return this.onRoundDone(slot.index, d.sent ?? 0, d.nextTimer ?? Infinity);
    if (d.t !== 'batch' || !(d.f64 instanceof Float64Array) || !Array.isArray(d.objs)) {
      return this.emit({ type: 'protocol-error', worker: slot.index, reason: 'unrecognised post from a worker' });
    }
    const batch = data as Batch;
    if (batch.to === -1) return this.reports.accept(slot, batch);
    const dest = this.slots[batch.to];
    if (!dest) return this.emit({ type: 'protocol-error', worker: slot.index, reason: `batch for unknown worker ${batch.to}` });
    this.flushTo(batch.to); // keep the main thread's own earlier messages ahead of relayed ones
    dest.post(batch);
  }

  died(slot: WorkerSlot, why: string): void {
    this.onWorkerDied(slot.index);
    recoverWorker(this, slot, why);
  }

  /** The sequence number of the main thread's next message. */
  nextSeq(): number {
    return ++this.seq;
  }
}
