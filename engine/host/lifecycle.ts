import type { Handler, Message } from '../behaviour/behaviour.ts';
import type { TimerId } from '../clock/clock.ts';
import { kindOf, ROOT } from '../names.ts';
import { EscalationError, onChildFailed } from '../supervision/failure.ts';
import { DEFAULT_SUPERVISOR } from '../supervision/supervisor.ts';
import { describeIssues, toErrorInfo, type ErrorInfo, type SpawnSpec, type SystemMessage } from '../wire/system.ts';
import { ActorCell, AskEnvelope } from './cell.ts';
import { Context } from './context.ts';
import type { WorkerHost } from './host.ts';

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * An actor's life inside a host: start, process, fail, restart, stop, supervise its children.
 * A handler that throws suspends its actor and reports to the parent; the actor's last snapshot
 * (taken after a fully processed message) is what a restart resumes from.
 */
export class Lifecycle {
  private nextTimer = 0;

  constructor(private readonly host: WorkerHost) {}

  /** Starts or places a spawn: here when the address belongs to this worker, else on its worker. */
  spawn(spec: SpawnSpec): void {
    const h = this.host;
    const ref = h.refs.get(spec.address);
    if (ref.worker === h.index) h.runLocally(() => this.start(spec));
    else h.sendToHost(ref.worker, { t: 'spawn', spec });
  }

  start(spec: SpawnSpec): void {
    const h = this.host;
    const kind = kindOf(spec.address);
    // A refused spawn was handled (counted as processed), so it is logged, not counted again.
    const refuse = (reason: string) => {
      h.deadLetters.record({ at: h.clock.now(), to: spec.address, type: 'spawn', reason });
      h.event({ type: 'spawn-failed', address: spec.address, reason });
    };
    if (!h.registry.has(kind)) return refuse(`unknown actor kind "${kind}"`);
    const ref = h.refs.get(spec.address);
    if (ref.worker !== h.index) return refuse(`placed on worker ${ref.worker}, not ${h.index}`);
    const existing = h.cells.get(ref.hash);
    // A restarting parent stops and re-spawns a child in one breath: let a pending stop land first.
    if (existing?.address === spec.address) this.run(existing, 0);
    if (h.cells.has(ref.hash) && existing) return refuse(existing.address === spec.address ? 'already running' : `address hash collides with ${existing.address}`);
    const b = h.registry.get(kind);
    let props = spec.props;
    if (b.props) {
      const parsed = b.props.safeParse(props);
      if (!parsed.success) return refuse(`invalid props for "${kind}": ${describeIssues(parsed.error)}`);
      props = parsed.data;
    }
    const cell = new ActorCell(spec.address, ref.hash, b, props, spec.parent, spec.restarts);
    cell.ctx = new Context(h, cell);
    h.cells.set(ref.hash, cell);
    h.toMain({ t: 'spawned', spec: { ...spec, props }, worker: h.index });
    try {
      if (spec.snapshot !== undefined && b.restore) {
        cell.state = b.restore(spec.snapshot, props, cell.ctx);
        cell.snapshot = spec.snapshot;
        cell.hasSnapshot = true;
      } else {
        cell.state = b.init(props, cell.ctx);
      }
      b.onStart?.(cell.state, cell.ctx);
    } catch (e) {
      this.fail(cell, asError(e));
    }
  }

  /** Processes up to `budget` user messages, system messages first and between every two. Returns how many. */
  run(cell: ActorCell, budget: number): number {
    const mb = cell.mailbox;
    const c = this.host.counts;
    let n = 0;
    for (;;) {
      while (mb.system.length > 0) {
        const m = mb.system.shift() as SystemMessage;
        c.queued--;
        c.processed++;
        this.system(cell, m);
        if (cell.status === 'stopped') return n;
      }
      if (n >= budget || cell.status !== 'running' || mb.userDepth === 0) return n;
      const msg = mb.shift();
      c.queued--;
      n++;
      this.invoke(cell, msg);
    }
  }

  private invoke(cell: ActorCell, raw: unknown): void {
    const h = this.host;
    const ask = raw instanceof AskEnvelope ? raw : null;
    const msg = (ask ? ask.msg : raw) as Message;
    const handler = (cell.behaviour.handlers as Record<string, Handler<unknown, Message> | undefined>)[msg.type];
    cell.currentAsk = ask;
    try {
      if (!handler) throw new TypeError(`"${cell.kind}" has no handler for message type "${msg.type}"`);
      const next = handler(cell.state, msg, cell.ctx);
      if (next !== undefined) cell.state = next;
      cell.processed++;
      h.counts.processed++;
      if (cell.snapshotEvery > 0 && ++cell.sinceSnapshot >= cell.snapshotEvery) this.snapshot(cell);
    } catch (e) {
      const error = asError(e);
      h.dead(cell.address, msg.type, `handler threw ${error.name}: ${error.message}`);
      if (ask) h.toMain({ t: 'reply', askId: ask.ask.askId, ok: false, value: null, error: `${cell.address} failed on "${msg.type}": ${error.message}` });
      this.fail(cell, error);
    } finally {
      cell.currentAsk = null;
    }
  }

  private snapshot(cell: ActorCell): void {
    cell.snapshot = cell.behaviour.snapshot!(cell.state);
    cell.hasSnapshot = true;
    cell.sinceSnapshot = 0;
    this.host.dirtySnapshots.add(cell);
  }

  private system(cell: ActorCell, m: SystemMessage): void {
    switch (m.t) {
      case 'stop':
        return this.stop(cell, m.reason);
      case 'restart':
        return this.restart(cell, m.reason);
      case 'resume':
        if (cell.status === 'suspended') cell.status = 'running';
        return;
      case 'failed':
        return this.supervise(cell, m.child, m.error);
      case 'terminated':
        cell.children = cell.children.filter((c) => c !== m.child);
        return;
      default:
        this.host.deadLetters.record({ at: this.host.clock.now(), to: cell.address, type: m.t, reason: 'not a message for an actor' });
    }
  }

  fail(cell: ActorCell, error: Error): void {
    cell.status = 'suspended';
    cell.failures++;
    cell.lastError = error;
    this.host.sendSystem(cell.parent, { t: 'failed', child: cell.address, error: toErrorInfo(error) }, cell.hash, ++cell.seq);
  }

  private supervise(parent: ActorCell, child: ActorCell['address'], error: ErrorInfo): void {
    const h = this.host;
    if (!parent.children.includes(child)) return; // a late report from a child already stopped
    const view = {
      address: parent.address,
      spec: { ...DEFAULT_SUPERVISOR, ...parent.behaviour.supervisor },
      history: parent.restartHistory,
      children: parent.children,
    };
    const kind = kindOf(child);
    const directive = h.registry.has(kind) ? (h.registry.get(kind).onFailure ?? 'restart') : 'restart';
    const outcome = onChildFailed(view, child, error, directive, h.clock.now());
    parent.children = view.children;
    h.event(outcome.event);
    if (outcome.decision.kind === 'escalate') {
      this.fail(parent, new EscalationError(`${parent.address} escalates: ${outcome.decision.reason}; ${child} failed with ${error.message}`));
      return;
    }
    for (const c of outcome.commands) h.sendSystem(c.to, c.msg, parent.hash, ++parent.seq);
  }

  private restart(cell: ActorCell, reason: string): void {
    const h = this.host;
    const b = cell.behaviour;
    try {
      b.preRestart?.(cell.state, cell.lastError ?? new Error(reason), cell.ctx);
    } catch {
      // A failing cleanup hook must not stop the restart.
    }
    this.release(cell, `parent ${cell.address} restarting`);
    const fromSnapshot = cell.hasSnapshot && b.restore !== undefined;
    try {
      cell.state = fromSnapshot ? b.restore!(cell.snapshot, cell.props, cell.ctx) : b.init(cell.props, cell.ctx);
      cell.restarts++;
      cell.status = 'running';
      cell.lastError = null;
      cell.sinceSnapshot = 0;
      h.event({ type: 'actor-restarted', address: cell.address, restarts: cell.restarts, from: fromSnapshot ? 'snapshot' : 'init', reason });
      if (b.postRestart) b.postRestart(cell.state, cell.ctx);
      else b.onStart?.(cell.state, cell.ctx);
    } catch (e) {
      this.fail(cell, asError(e));
    }
    h.schedule(cell);
  }

  stop(cell: ActorCell, reason: string): void {
    const h = this.host;
    if (cell.status === 'stopped') return;
    try {
      cell.behaviour.onStop?.(cell.state, cell.ctx);
    } catch {
      // Stopping goes on: the actor is leaving either way.
    }
    this.release(cell, `parent ${cell.address} stopping`);
    const waiting = cell.mailbox.clear() + cell.mailbox.system.splice(0).length;
    h.counts.queued -= waiting;
    if (waiting > 0) h.dead(cell.address, '(mailbox)', `actor stopped (${reason}) with ${waiting} messages waiting`, waiting);
    cell.status = 'stopped';
    h.cells.delete(cell.hash);
    h.dirtySnapshots.delete(cell);
    if (cell.parent !== ROOT) h.sendSystem(cell.parent, { t: 'terminated', child: cell.address }, cell.hash, ++cell.seq);
    h.toMain({ t: 'stopped', address: cell.address });
    h.event({ type: 'actor-stopped', address: cell.address, reason });
  }

  /** What a restart or stop lets go of: children, timers, subscriptions. */
  private release(cell: ActorCell, why: string): void {
    const h = this.host;
    for (const child of cell.children) h.sendSystem(child, { t: 'stop', reason: why }, cell.hash, ++cell.seq);
    cell.children = [];
    for (const id of cell.timers.values()) h.clock.cancel(id);
    cell.timers.clear();
    for (const pattern of cell.subscriptions) {
      h.subs.remove(pattern, cell.address);
      h.toMain({ t: 'unsubscribe', pattern, subscriber: cell.address });
    }
    cell.subscriptions.clear();
  }

  timer(cell: ActorCell, ms: number, msg: Message, repeat: boolean): TimerId {
    const h = this.host;
    const handle = ++this.nextTimer;
    const arm = (at: number) => {
      const id = h.clock.at(at, () => {
        if (!cell.timers.has(handle)) return;
        if (repeat) arm(at + ms);
        else cell.timers.delete(handle);
        h.timerFired(cell, msg);
      });
      cell.timers.set(handle, id);
    };
    arm(h.clock.now() + ms);
    return handle;
  }
}
