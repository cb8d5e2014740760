import type { AnyBehaviour, ActorContext } from '../behaviour/behaviour.ts';
import type { TimerId } from '../clock/clock.ts';
import { DEFAULT_MAILBOX, Mailbox } from '../mailbox/mailbox.ts';
import type { Address, TopicPattern } from '../names.ts';
import type { AskRecord } from '../wire/system.ts';

export type CellStatus = 'running' | 'suspended' | 'stopped';

/** An ask in a mailbox: the message plus where the answer goes. */
export class AskEnvelope {
  constructor(readonly ask: AskRecord, readonly msg: { type: string }) {}
}

/** One live actor inside a host: behaviour, state, mailbox and bookkeeping. */
export class ActorCell {
  state: unknown;
  status: CellStatus = 'running';
  readonly kind: string;
  readonly mailbox: Mailbox;
  /** In start order, for rest_for_one. */
  children: Address[] = [];
  readonly restartHistory: number[] = [];
  /** Handle → current clock timer (an `every` timer re-arms under the same handle). */
  readonly timers = new Map<TimerId, TimerId>();
  readonly subscriptions = new Set<TopicPattern>();
  seq = 0;
  processed = 0;
  dropped = 0;
  failures = 0;
  lastError: Error | null = null;
  scheduled = false;
  currentAsk: AskEnvelope | null = null;
  readonly snapshotEvery: number;
  sinceSnapshot = 0;
  snapshot: unknown = undefined;
  hasSnapshot = false;
  ctx!: ActorContext;

  constructor(
    readonly address: Address,
    readonly hash: number,
    readonly behaviour: AnyBehaviour,
    readonly props: unknown,
    readonly parent: Address,
    public restarts: number,
  ) {
    this.kind = behaviour.kind;
    this.mailbox = new Mailbox(behaviour.mailbox ?? DEFAULT_MAILBOX);
    this.snapshotEvery = behaviour.snapshot ? (behaviour.snapshotEvery ?? 1) : 0;
  }
}
