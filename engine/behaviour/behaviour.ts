import type { z } from 'zod';
import type { Clock, TimerId } from '../clock/clock.ts';
import type { MailboxSpec } from '../mailbox/mailbox.ts';
import type { Address, Topic, TopicPattern } from '../names.ts';
import type { Directive, SupervisorSpec } from '../supervision/supervisor.ts';
import type { MessageOf, Protocol, Shapes } from './protocol.ts';

/** Any message: a tagged object. Receivers check the fields against their protocol. */
export interface Message {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** A reference to an actor. Cheaper than an address on a hot path: it caches where the actor lives. */
export interface ActorRef {
  readonly address: Address;
}

/** What a handler may do. Everything goes through here: time, timers, messages, children. */
export interface ActorContext {
  readonly self: Address;
  /** The injected clock's time (simulated in replay). */
  now(): number;
  /**
   * The injected clock itself, for an I/O resource the actor owns (a venue connection's
   * reconnect timers). For the actor's own logic use `after`/`every`: they arrive as messages.
   */
  readonly clock: Clock;
  ref(to: Address): ActorRef;
  tell(to: ActorRef | Address, msg: Message): void;
  /** Answers the ask being handled. Throws when the current message was not an ask. */
  reply(value: unknown): void;
  publish(topic: Topic, msg: Message): void;
  /** Whether anyone listens on `topic`: lets an actor skip building messages nobody reads. */
  hasSubscribers(topic: Topic): boolean;
  subscribe(pattern: TopicPattern): void;
  unsubscribe(pattern: TopicPattern): void;
  /** Spawns a child supervised by this actor; returns its address at once. */
  spawn(kind: string, id: string, props?: unknown): Address;
  /** Stops a child (or this actor when no target is given). */
  stop(target?: Address): void;
  /** Sends `msg` to this actor after `ms` on the injected clock. */
  after(ms: number, msg: Message): TimerId;
  every(ms: number, msg: Message): TimerId;
  cancelTimer(id: TimerId): void;
}

export type Handler<S, M> = (state: S, msg: M, ctx: ActorContext) => S | void;

export type Handlers<D extends Shapes, S> = {
  readonly [K in keyof D & string]: Handler<S, Extract<MessageOf<D>, { type: K }>>;
};

/**
 * An actor kind: its protocol, how its state begins, one handler per message type, and
 * lifecycle hooks that default to doing nothing. A handler may mutate the state or return a
 * new one. Throwing is how an actor says "I am broken": its parent's supervisor decides.
 */
export interface Behaviour<D extends Shapes = Shapes, S = unknown, P = unknown> {
  /** The address prefix: every actor `kind/...` runs this behaviour. */
  readonly kind: string;
  readonly protocol: Protocol<D>;
  /** Validates spawn props at the worker boundary. */
  readonly props?: z.ZodType<P>;
  init(props: P, ctx: ActorContext): S;
  readonly handlers: Handlers<D, S>;
  onStart?(state: S, ctx: ActorContext): void;
  onStop?(state: S, ctx: ActorContext): void;
  preRestart?(state: S, error: Error, ctx: ActorContext): void;
  postRestart?(state: S, ctx: ActorContext): void;
  /** An independent copy of the state, kept to restart from. Without it a restart begins at init(). */
  snapshot?(state: S): unknown;
  restore?(snapshot: unknown, props: P, ctx: ActorContext): S;
  /** Take a snapshot after this many processed messages (default 1 when snapshot() exists). */
  readonly snapshotEvery?: number;
  readonly mailbox?: MailboxSpec;
  /**
   * Messages processed per visit before the other ready actors get a turn (default 1,000).
   * A producer that re-tells itself (a replay pump) sets 1, so its consumers run in between.
   */
  readonly throughput?: number;
  /** What this kind's supervisor does when it fails (default: restart). */
  readonly onFailure?: Directive;
  /** How this actor supervises its own children. */
  readonly supervisor?: Partial<SupervisorSpec>;
}

// The registry holds behaviours of every message, state and props type.
export type AnyBehaviour = Behaviour<any, any, any>;

/** Declares a behaviour with its message union inferred from the protocol. */
export const behaviour = <const D extends Shapes, S, P = undefined>(b: Behaviour<D, S, P>): Behaviour<D, S, P> => b;
