import { pathToFileURL } from 'node:url';
import type { Message } from './behaviour/behaviour.ts';
import { BehaviourRegistry } from './behaviour/registry.ts';
import type { Clock } from './clock/clock.ts';
import { LiveClock } from './clock/live-clock.ts';
import { SimClock } from './clock/sim-clock.ts';
import type { WorkerIntrospection } from './host/control.ts';
import { STAT } from './host/stats.ts';
import { address, kindOf, ROOT, type Address, type Topic, type TopicPattern } from './names.ts';
import { systemOptions, type ResolvedOptions, type SystemOptions } from './options.ts';
import { Router, type EngineEventListener } from './router/router.ts';
import { SimDriver } from './sim/driver.ts';

/** A message refused at the main thread's boundary, before it is sent. */
export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

export interface Totals {
  workers: number;
  /** Records posted to workers, each once even when re-sent after a crash. */
  posted: number;
  inbound: number;
  local: number;
  processed: number;
  dropped: number;
  deadLetters: number;
  queued: number;
  workerDeaths: number;
}

export interface Introspection {
  at: number;
  totals: Totals;
  workers: (WorkerIntrospection & { alive: boolean; deaths: number; backlog: number; processed: number; turns: number })[];
}

const toUrl = (m: string) => (/^[a-z]+:/.test(m) ? m : pathToFileURL(m).href);

/**
 * The engine's public face: start it with behaviour modules and a worker count, then spawn,
 * tell, ask, publish, subscribe and look inside. Everything crosses to the workers through the
 * router; nothing here blocks.
 */
export class ActorSystem {
  readonly sim: SimDriver | null;

  private constructor(
    private readonly router: Router,
    readonly options: ResolvedOptions,
    readonly clock: Clock,
  ) {
    this.sim = clock instanceof SimClock ? new SimDriver(router, clock) : null;
  }

  static async start(input: SystemOptions): Promise<ActorSystem> {
    const options = systemOptions.parse(input);
    const behaviours = options.behaviours.map(toUrl);
    const registry = await BehaviourRegistry.load(behaviours);
    const clock = options.clock === 'sim' ? new SimClock(options.simStart) : new LiveClock();
    const router = new Router(
      {
        workers: options.workers,
        behaviourModules: behaviours,
        placement: options.placement,
        clock: { mode: options.clock, start: options.simStart },
        supervisor: options.supervisor,
        highWater: options.highWater,
        spinMs: options.spinMs,
      },
      registry,
      clock,
    );
    await router.start();
    return new ActorSystem(router, options, clock);
  }

  /** Spawns a top-level actor, supervised by the root. Throws at once for an unknown kind or a taken address. */
  spawn(kind: string, id: string, props?: unknown): Address {
    const a = address(kind, id);
    this.router.registry.get(kind);
    if (this.router.directory.has(a)) throw new Error(`${a} is already running`);
    const ref = this.router.refs.get(a);
    const spec = { address: a, parent: ROOT, props: props ?? null, restarts: 0 };
    this.router.directory.upsert(spec, ref.worker);
    this.router.toHost(ref.worker, { t: 'spawn', spec });
    return a;
  }

  /** The worker an actor lives (or would live) on: lets actors that must share a worker be told apart. */
  workerOf(target: Address): number {
    return this.router.refs.get(target).worker;
  }

  /** Sends a message; false means the destination is over its high-water mark (slow down). */
  tell(to: Address, msg: Message): boolean {
    return this.router.tell(to, this.check(to, msg));
  }

  ask<R = unknown>(to: Address, msg: Message, timeoutMs = this.options.askTimeoutMs): Promise<R> {
    const reply = this.router.ask(to, this.check(to, msg), timeoutMs) as Promise<R>;
    void this.sim?.drain(); // simulated time only moves when driven
    return reply;
  }

  stop(target: Address): void {
    this.router.system(target, { t: 'stop', reason: 'stopped from outside' });
  }

  publish(t: Topic, msg: Message): void {
    this.router.publish(t, msg);
  }

  subscribe(pattern: TopicPattern, listener: (msg: unknown, topic: Topic) => void): () => void {
    return this.router.listen(pattern, listener);
  }

  /** Every supervision decision, restart, stop and worker crash, as it happens. */
  onEvent(listener: EngineEventListener): () => void {
    return this.router.onEvent(listener);
  }

  /** Counters summed over every worker (and every incarnation of a respawned one). Cheap: no messages. */
  totals(): Totals {
    const t: Totals = { workers: this.router.slots.length, posted: 0, inbound: 0, local: 0, processed: 0, dropped: 0, deadLetters: 0, queued: 0, workerDeaths: 0 };
    for (const slot of this.router.slots) {
      const s = slot.stats;
      const r = slot.retired;
      t.posted += slot.posted;
      t.inbound += r.inbound + s[STAT.INBOUND]!;
      t.local += r.local + s[STAT.LOCAL]!;
      t.processed += r.processed + s[STAT.PROCESSED]!;
      t.dropped += r.dropped + s[STAT.DROPPED]!;
      t.deadLetters += r.dead + s[STAT.DEAD]!;
      t.queued += s[STAT.QUEUED]!;
      t.workerDeaths += slot.deaths;
    }
    return t;
  }

  /** The actor tree with mailbox depths, counts, restarts and dead letters, from every worker in one call. */
  async introspect(): Promise<Introspection> {
    const workers = await Promise.all(
      this.router.slots.map(async (slot) => {
        const alive = slot.ready && slot.control !== null;
        const view: WorkerIntrospection = alive
          ? await slot.control!.introspect()
          : { index: slot.index, actors: [], deadLetters: [], subscriptions: [] };
        const s = slot.stats;
        const backlog = slot.posted - slot.retired.inbound - s[STAT.INBOUND]! + s[STAT.QUEUED]!;
        return { ...view, alive, deaths: slot.deaths, backlog, processed: slot.retired.processed + s[STAT.PROCESSED]!, turns: s[STAT.TURNS]! };
      }),
    );
    return { at: this.clock.now(), totals: this.totals(), workers };
  }

  /** Collects garbage on every worker and the main thread; returns the workers' heap sizes (bytes). For benchmarks and operators. */
  async collectGarbage(): Promise<number[]> {
    Bun.gc(true);
    return Promise.all(this.router.slots.map((s) => (s.control ? s.control.gc() : Promise.resolve(0))));
  }

  /** The state of one actor (its snapshot form when it has one), through the control plane. */
  async actorState<S = unknown>(target: Address): Promise<S | undefined> {
    const slot = this.router.slots[this.router.refs.get(target).worker]!;
    return slot.control ? ((await slot.control.actorState(target)) as S | undefined) : undefined;
  }

  /** Resolves once every worker has finished everything sent so far (for tests, benchmarks and shutdown). */
  async settle(timeoutMs = 30_000): Promise<void> {
    if (this.sim) return this.sim.drain();
    const deadline = performance.now() + timeoutMs; // clock-ok: settling is a wall-time wait on real threads
    for (;;) {
      this.router.flush();
      const t = this.totals();
      const idle = t.queued === 0 && t.posted === t.inbound && t.inbound + t.local === t.processed + t.dropped + t.deadLetters;
      if (idle && this.router.slots.every((s) => s.ready)) {
        await Bun.sleep(5);
        const again = this.totals();
        if (again.processed === t.processed && again.inbound === t.inbound && again.queued === 0) return;
      }
      if (performance.now() > deadline) throw new Error(`system did not settle within ${timeoutMs} ms: ${JSON.stringify(t)}`); // clock-ok: as above
      await Bun.sleep(2);
    }
  }

  async shutdown(): Promise<void> {
    this.router.flush();
    this.router.asks.rejectAll('the actor system is shutting down');
    await Promise.all(this.router.slots.map((s) => s.terminate()));
    if (this.clock instanceof LiveClock) this.clock.cancelAll();
  }

  /** Validates a message from outside against the destination kind's protocol. */
  private check(to: Address, msg: Message): Message {
    const parsed = this.router.registry.get(kindOf(to)).protocol.parse(msg);
    if (!parsed.ok) throw new InvalidMessageError(`message to ${to} refused: ${parsed.error}`);
    return parsed.msg;
  }
}
