import * as Comlink from 'comlink';
import type { ControlApi } from '../host/control.ts';
import { newStatsBuffer, STAT, unfinished } from '../host/stats.ts';
import type { Batch } from '../wire/records.ts';

const WORKER_URL = new URL('../host/worker.ts', import.meta.url).href;

export interface SlotOwner {
  initFor(slot: WorkerSlot, control: MessagePort): unknown;
  fromWorker(slot: WorkerSlot, data: unknown): void;
  died(slot: WorkerSlot, why: string): void;
}

/** Counters of incarnations that have died, so totals survive a respawn. */
interface Retired {
  inbound: number;
  local: number;
  processed: number;
  dropped: number;
  dead: number;
}

/**
 * One worker index and whatever thread currently runs it. Batches are posted by copy and kept
 * until the worker's stats acknowledge them, so that after a crash the ones it never took are
 * sent again to its successor; while it is (re)starting, batches are held, not lost.
 */
export class WorkerSlot {
  worker: Worker | null = null;
  control: Comlink.Remote<ControlApi> | null = null;
  private controlPort: MessagePort | null = null;
  statsBuffer = newStatsBuffer();
  stats = new Float64Array(this.statsBuffer);
  ready = false;
  deaths = 0;
  /** Records posted to this index over its life, each counted once even if re-sent. */
  posted = 0;
  readonly retired: Retired = { inbound: 0, local: 0, processed: 0, dropped: 0, dead: 0 };
  private unacked: Batch[] = [];
  private held: Batch[] = [];
  private nextSeq = 1;
  private stopping = false;
  private readonly readyWaiters: (() => void)[] = [];

  constructor(
    readonly index: number,
    private readonly owner: SlotOwner,
    private readonly sentTo: Float64Array,
  ) {}

  async start(): Promise<void> {
    await this.boot();
    this.becomeReady();
  }

  /** Resolves once the slot has a thread that takes batches (at once, unless it is being respawned). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private becomeReady(): void {
    this.ready = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  private boot(): Promise<void> {
    const worker = new Worker(WORKER_URL);
    const channel = new MessageChannel();
    this.worker = worker;
    this.controlPort?.close();
    this.controlPort = channel.port1;
    this.control = Comlink.wrap<ControlApi>(channel.port1);
    const ready = new Promise<void>((resolve) => {
      worker.onmessage = (e: MessageEvent) => {
        if ((e.data as { t?: string })?.t === 'ready') resolve();
        else this.owner.fromWorker(this, e.data);
      };
    });
    worker.addEventListener('error', (e) => this.lost(worker, `uncaught error: ${(e as ErrorEvent).message}`));
    worker.addEventListener('close', (e) => this.lost(worker, `exited with code ${(e as CloseEvent).code}`));
    worker.postMessage(this.owner.initFor(this, channel.port2), [channel.port2]);
    return ready;
  }

  post(batch: Batch): void {
    this.posted += batch.count;
    this.sentTo[this.index]! += batch.count;
    batch.seq = this.nextSeq++;
    if (this.ready) this.send(batch);
    else this.held.push(batch);
  }

  /** Asks in batches the (dead) worker never took: they will be re-sent, so they will be answered. */
  untakenAsks(): Set<number> {
    const taken = this.stats[STAT.LAST_BATCH]!;
    const untaken = [...this.unacked.filter((b) => b.seq > taken), ...this.held];
    return new Set(untaken.flatMap((b) => b.asks ?? []));
  }

  /** Replaces a dead thread: takes its counters, starts a successor, re-sends what it never took. */
  async respawn(prelude: () => Batch | null): Promise<{ lost: number }> {
    const lost = unfinished(this.stats);
    const s = this.stats;
    const r = this.retired;
    r.inbound += s[STAT.INBOUND]!;
    r.local += s[STAT.LOCAL]!;
    r.processed += s[STAT.PROCESSED]!;
    r.dropped += s[STAT.DROPPED]!;
    r.dead += s[STAT.DEAD]! + lost;
    const taken = s[STAT.LAST_BATCH]!;
    const untaken = this.unacked.filter((b) => b.seq > taken);
    this.unacked = [];
    this.statsBuffer = newStatsBuffer();
    this.stats = new Float64Array(this.statsBuffer);
    this.sentTo[this.index] = 0;
    this.nextSeq = 1;
    await this.boot();
    // Order matters: the actors first, then what the dead thread never took, then what arrived meanwhile.
    const first = prelude();
    if (first) this.repost(first, true);
    for (const b of [...untaken, ...this.held.splice(0)]) this.repost(b, false);
    this.becomeReady();
    return { lost };
  }

  async terminate(): Promise<void> {
    this.stopping = true;
    const { worker, control } = this;
    this.worker = null;
    this.control = null;
    control?.[Comlink.releaseProxy]();
    this.controlPort?.close(); // an open port would keep the process alive
    if (worker) await worker.terminate();
  }

  private repost(batch: Batch, fresh: boolean): void {
    if (fresh) this.posted += batch.count;
    this.sentTo[this.index]! += batch.count;
    batch.seq = this.nextSeq++;
    this.send(batch);
  }

  private send(batch: Batch): void {
    const taken = this.stats[STAT.LAST_BATCH]!;
    while (this.unacked.length > 0 && this.unacked[0]!.seq <= taken) this.unacked.shift();
    this.unacked.push(batch);
    this.worker!.postMessage(batch);
  }

  private lost(worker: Worker, why: string): void {
    if (this.stopping || worker !== this.worker || !this.ready) return;
    this.ready = false;
    this.deaths++;
    this.worker = null;
    this.control = null;
    this.owner.died(this, why);
  }
}
