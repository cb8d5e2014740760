/**
 * engine/: the actor runtime. Domain-agnostic: actors, mailboxes, the router, supervision,
 * worker hosts, clocks, pub/sub, introspection. It imports nothing of the market domain.
 */
export { ActorSystem, InvalidMessageError, type Introspection, type Totals } from './system.ts';
export type { EngineHandle } from './handle.ts';
export type { SystemOptions } from './options.ts';
export { behaviour, type ActorContext, type ActorRef, type Behaviour, type Message } from './behaviour/behaviour.ts';
export { protocol, type MessageOf, type Protocol } from './behaviour/protocol.ts';
export { address, kindOf, idOf, isTopicSegment, parseAddress, topic, topicPattern, NameError, ROOT, MAIN } from './names.ts';
export type { Address, Topic, TopicPattern } from './names.ts';
export type { Clock, TimerId } from './clock/clock.ts';
export { LiveClock } from './clock/live-clock.ts';
export { SimClock } from './clock/sim-clock.ts';
export { paceSimulation, type Pacer, type PaceOptions } from './sim/pacer.ts';
export type { MailboxSpec, OverflowPolicy } from './mailbox/mailbox.ts';
export type { Directive, Strategy, SupervisorSpec } from './supervision/supervisor.ts';
export { AskFailedError, AskTimeoutError } from './router/asks.ts';
export { EscalationError } from './supervision/failure.ts';
