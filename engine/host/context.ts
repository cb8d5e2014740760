import type { ActorContext, ActorRef, Message } from '../behaviour/behaviour.ts';
import type { Clock, TimerId } from '../clock/clock.ts';
import { address, type Address, type Topic, type TopicPattern } from '../names.ts';
import type { ActorCell } from './cell.ts';
import type { WorkerHost } from './host.ts';
import { Ref } from './refs.ts';

/** The ActorContext handed to one actor's handlers: every effect goes through its host. */
export class Context implements ActorContext {
  readonly self: Address;

  constructor(
    private readonly host: WorkerHost,
    private readonly cell: ActorCell,
  ) {
    this.self = cell.address;
  }

  now(): number {
    return this.host.clock.now();
  }

  get clock(): Clock {
    return this.host.clock;
  }

  ref(to: Address): ActorRef {
    return this.host.refs.get(to);
  }

  tell(to: ActorRef | Address, msg: Message): void {
    const ref = to instanceof Ref ? to : this.host.refs.get(typeof to === 'string' ? to : to.address);
    this.host.send(ref, msg, this.cell.hash, ++this.cell.seq);
  }

  reply(value: unknown): void {
    const ask = this.cell.currentAsk;
    if (!ask) throw new Error(`${this.self} called reply() while not handling an ask`);
    this.cell.currentAsk = null;
    this.host.toMain({ t: 'reply', askId: ask.ask.askId, ok: true, value }, this.cell.hash, ++this.cell.seq);
  }

  publish(t: Topic, msg: Message): void {
    this.host.publish(t, msg, this.cell.hash, ++this.cell.seq);
  }

  hasSubscribers(t: Topic): boolean {
    return this.host.subs.resolve(t).length > 0;
  }

  subscribe(pattern: TopicPattern): void {
    this.cell.subscriptions.add(pattern);
    this.host.subs.add(pattern, this.self);
    this.host.toMain({ t: 'subscribe', pattern, subscriber: this.self });
  }

  unsubscribe(pattern: TopicPattern): void {
    this.cell.subscriptions.delete(pattern);
    this.host.subs.remove(pattern, this.self);
    this.host.toMain({ t: 'unsubscribe', pattern, subscriber: this.self });
  }

  spawn(kind: string, id: string, props?: unknown): Address {
    const child = address(kind, id);
    this.host.registry.get(kind); // throws a clear error for an unknown kind, in the caller
    this.cell.children.push(child);
    this.host.lifecycle.spawn({ address: child, parent: this.self, props: props ?? null, restarts: 0 });
    return child;
  }

  stop(target: Address = this.self): void {
    if (target !== this.self && !this.cell.children.includes(target)) {
      throw new Error(`${this.self} can stop only itself or its children; ${target} is not its child`);
    }
    this.host.sendSystem(target, { t: 'stop', reason: `stopped by ${this.self}` }, this.cell.hash, ++this.cell.seq);
  }

  after(ms: number, msg: Message): TimerId {
    return this.host.lifecycle.timer(this.cell, ms, msg, false);
  }

  every(ms: number, msg: Message): TimerId {
    if (!(ms > 0)) throw new RangeError(`every() needs a positive interval, got ${ms} ms`);
    return this.host.lifecycle.timer(this.cell, ms, msg, true);
  }

  cancelTimer(id: TimerId): void {
    const current = this.cell.timers.get(id);
    if (current !== undefined) this.host.clock.cancel(current);
    this.cell.timers.delete(id);
  }
}
