import { HEADER, OP_SYSTEM, type Batch } from '../wire/records.ts';
import { describeIssues, systemMessage, type SystemMessage } from '../wire/system.ts';
import type { Address, Topic, TopicPattern } from '../names.ts';
import type { Router } from './router.ts';
import type { WorkerSlot } from './worker-slot.ts';

type Envelope = { src: number; seq: number; run: () => void };

/**
 * What workers report to the main thread: spawns and stops (the directory), snapshots, replies
 * to asks, failures of top-level actors (the root supervisor), subscriptions (broadcast to the
 * other workers), engine events, and publishes for main-thread listeners. Validated on arrival:
 * a malformed report is a protocol-error event, never a crash.
 */
export class WorkerReports {
  /** Stepped mode: publishes for main-thread listeners, delivered in (sender, seq) order at the end of a round. */
  private inbox: Envelope[] = [];

  constructor(private readonly router: Router) {}

  accept(slot: WorkerSlot, batch: Batch): void {
    const { f64, objs } = batch;
    for (let o = 0; o < f64.length; o += HEADER + 1) {
      const parsed = systemMessage.safeParse(objs[f64[o + HEADER]!]);
      if (f64[o] !== OP_SYSTEM || !parsed.success) {
        this.router.emit({ type: 'protocol-error', worker: slot.index, reason: parsed.success ? 'non-system record to main' : describeIssues(parsed.error) });
        continue;
      }
      this.handle(slot, parsed.data, f64[o + 2]!, f64[o + 3]!);
    }
  }

  private handle(slot: WorkerSlot, m: SystemMessage, src: number, seq: number): void {
    switch (m.t) {
      case 'spawned':
        return this.router.directory.upsert(m.spec, m.worker);
      case 'stopped':
        this.router.directory.remove(m.address);
        return this.router.subs.removeAll(m.address);
      case 'snapshot':
        return this.router.directory.snapshot(m.address, m.data);
      case 'reply':
        return this.router.asks.settle(m.askId, m.ok, m.value, m.error);
      case 'failed':
        return this.router.root.childFailed(m.child, m.error);
      case 'subscribe':
      case 'unsubscribe':
        if (m.t === 'subscribe') this.router.subs.add(m.pattern as TopicPattern, m.subscriber);
        else this.router.subs.remove(m.pattern as TopicPattern, m.subscriber);
        return this.router.broadcastSubscription(m.t, m.pattern, m.subscriber, slot.index);
      case 'event':
        if (m.event.type === 'actor-restarted') this.router.directory.restarted(m.event['address'] as Address, m.event['restarts'] as number);
        return this.router.emit(m.event);
      case 'publish': {
        const t = m.topic as Topic;
        const run = () => {
          for (const l of this.router.listeners.resolve(t)) l(m.msg, t);
        };
        if (this.router.stepped) this.inbox.push({ src, seq, run });
        else run();
        return;
      }
      default:
        this.router.emit({ type: 'protocol-error', worker: slot.index, reason: `system message "${m.t}" is not for the main thread` });
    }
  }

  /** Stepped mode: delivers the round's publishes to main-thread listeners in deterministic order. */
  deliverInbox(): void {
    const inbox = this.inbox.sort((a, b) => a.src - b.src || a.seq - b.seq);
    this.inbox = [];
    for (const e of inbox) e.run();
  }
}
