import type { ActorContext, ActorRef, Message } from '../behaviour/behaviour.ts';
import type { TimerId } from '../clock/clock.ts';
import { SimClock } from '../clock/sim-clock.ts';
import type { Address, Topic, TopicPattern } from '../names.ts';

/**
 * A recording ActorContext for testing a behaviour synchronously: call its handlers directly,
 * then look at what it told, published, replied, spawned and scheduled. No threads, no sleeps.
 */
export class ProbeContext implements ActorContext {
  readonly told: { to: Address; msg: Message }[] = [];
  readonly published: { topic: Topic; msg: Message }[] = [];
  readonly replies: unknown[] = [];
  readonly subscriptions = new Set<string>();
  readonly spawned: { kind: string; id: string; props: unknown }[] = [];
  readonly timers = new Map<TimerId, { at: number; msg: Message; every: number }>();
  private nextTimer = 0;

  /** A simulated clock for resources the behaviour owns; `time` is what `now()` reports. */
  readonly clock: SimClock;

  constructor(
    readonly self: Address,
    public time = 0,
  ) {
    this.clock = new SimClock(time);
  }

  now(): number {
    return this.time;
  }

  ref(to: Address): ActorRef {
    return { address: to };
  }

  tell(to: ActorRef | Address, msg: Message): void {
    this.told.push({ to: typeof to === 'string' ? to : to.address, msg });
  }

  reply(value: unknown): void {
    this.replies.push(value);
  }

  publish(t: Topic, msg: Message): void {
    this.published.push({ topic: t, msg });
  }

  /** A probe listens to everything, so the behaviour under test publishes all it would. */
  hasSubscribers(): boolean {
    return true;
  }

  subscribe(pattern: TopicPattern): void {
    this.subscriptions.add(pattern);
  }

  unsubscribe(pattern: TopicPattern): void {
    this.subscriptions.delete(pattern);
  }

  spawn(kind: string, id: string, props?: unknown): Address {
    this.spawned.push({ kind, id, props });
    return `${kind}/${id}` as Address;
  }

  stop(): void {}

  after(ms: number, msg: Message): TimerId {
    this.timers.set(++this.nextTimer, { at: this.time + ms, msg, every: 0 });
    return this.nextTimer;
  }

  every(ms: number, msg: Message): TimerId {
    this.timers.set(++this.nextTimer, { at: this.time + ms, msg, every: ms });
    return this.nextTimer;
  }

  cancelTimer(id: TimerId): void {
    this.timers.delete(id);
  }

  /** What was published on topics starting with `prefix`, in order. */
  on(prefix: string): Message[] {
    return this.published.filter((p) => p.topic.startsWith(prefix)).map((p) => p.msg);
  }
}
