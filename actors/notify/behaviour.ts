import { z } from 'zod';
import { address, behaviour, protocol, topicPattern, type ActorContext } from '../../engine/index.ts';
import { hash53 } from '../../engine/hash.ts';
import { seededRandom } from '../../engine/random.ts';
import { webhooksSchema, type NotifyEventKind } from '../../notify/config.ts';
import { tradeUpdateShape } from '../account/messages.ts';
import type { EndpointStats } from '../../notify/endpoint.ts';
import { FeedTransitions, signalEvent, tradeEvent, type NotifyEvent } from '../../notify/events.ts';
import { Notifier } from '../../notify/notifier.ts';

/** The notifier's one address (main.ts spawns it). */
export const NOTIFIER = address('notifier', 'main');

export const notifierProps = z.object({
  /** The endpoints, as WEBHOOKS configures them (notify/config.ts); checked again here, props cross a worker boundary. */
  webhooks: z.array(z.unknown()).transform((list, ctx) => {
    const r = webhooksSchema.safeParse(list.map((w) => ({ ...(w as object) })));
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }),
});
type NotifierProps = z.output<typeof notifierProps>;

/** What `view` answers: each endpoint's deliveries, and the events heard (and queued) by kind. */
export interface NotifierView {
  endpoints: EndpointStats[];
  heard: Partial<Record<NotifyEventKind, number>>;
}

interface Kept {
  feeds: Record<string, boolean>;
}

interface NotifierState extends Kept {
  notifier: Notifier;
  transitions: FeedTransitions;
  heard: Partial<Record<NotifyEventKind, number>>;
}

const nullableNumber = z.number().nullable();

/**
 * Webhooks, addressed `notifier/main`: hears signals (`signal.*`), feed states (`feed.*`), risk
 * events (`risk.*`) and the accounts' trade updates (`trade.*`, of which fills and rejections are
 * news); turns what is news into notifications, and hands them to the endpoints
 * (notify/), which deliver them over HTTP on their own time. A handler only queues: an endpoint
 * that is down, slow or limiting never holds up this actor, and this actor holds up no one (its
 * mailbox drops its oldest under a flood rather than pushing back on publishers).
 *
 * Queued notifications are I/O state, not actor state: a restart lets them go (counted by
 * nobody: the endpoints are made anew), and keeps which feeds were down so a restart does not
 * announce them again.
 */
export const notifier = behaviour({
  kind: 'notifier',
  props: notifierProps,
  protocol: protocol({
    /** A strategy's signal (strategies/signal.ts), heard on `signal.<strategyId>`. */
    signal: {
      strategyId: z.string(),
      clientOrderId: z.string(),
      time: z.number(),
      symbol: z.string(),
      side: z.string(),
      qty: z.number(),
      orderType: z.string(),
      limitPrice: nullableNumber.optional(),
      stopPrice: nullableNumber.optional(),
      timeInForce: z.string().optional(),
      reason: z.string(),
      trigger: z.string().optional(),
      price: nullableNumber,
      status: z.string(),
      note: z.string().nullable().optional(),
    },
    /** What a feed says on `feed.<venue>` (binance: reconnects, lastLoss; pollers: failing, lastError). */
    feed: {
      name: z.string(),
      state: z.string(),
      reconnects: z.number().optional(),
      lastLoss: z.unknown().optional(),
      failing: z.array(z.string()).optional(),
      lastError: z.string().nullable().optional(),
    },
    /** `risk.<accountId>` (notify/topics.ts). */
    risk: { kind: z.literal('drawdown'), accountId: z.string(), at: z.number(), drawdown: z.number(), threshold: z.number(), equity: z.number(), peak: z.number() },
    /** An account's trade update (actors/account TradeUpdateMsg), heard on `trade.*`: fills and rejections are told. */
    trade_update: tradeUpdateShape,
    view: {},
  }),
  onFailure: 'restart',
  // Notifications are best effort: under a flood the oldest go, and publishers never wait on webhooks.
  mailbox: { capacity: 10_000, overflow: 'drop-oldest' },
  init: (props, ctx) => start(props, ctx, { feeds: {} }),
  onStop: (s) => s.notifier.stop(),
  preRestart: (s) => s.notifier.stop(),
  handlers: {
    signal: (s, m) => {
      const e = signalEvent(m);
      if (e) notify(s, e);
    },
    feed: (s, m, ctx) => {
      const detail = m.lastError ?? (m.lastLoss === undefined || m.lastLoss === null ? null : String(typeof m.lastLoss === 'object' ? JSON.stringify(m.lastLoss) : m.lastLoss));
      const e = s.transitions.hear(m.name, m.state, detail, ctx.now());
      s.feeds = s.transitions.state();
      if (e) notify(s, e);
    },
    risk: (s, m) => notify(s, { kind: 'drawdown', at: m.at, accountId: m.accountId, drawdown: m.drawdown, threshold: m.threshold, equity: m.equity, peak: m.peak }),
    trade_update: (s, m) => {
      const e = tradeEvent(m.accountId, m);
      if (e) notify(s, e);
    },
    view: (s, _m, ctx) => ctx.reply({ endpoints: s.notifier.stats(), heard: { ...s.heard } } satisfies NotifierView),
  },
  snapshot: (s): Kept => ({ feeds: { ...s.feeds } }),
  restore: (snap, props, ctx) => start(props, ctx, structuredClone(snap as Kept)),
});

function start(props: NotifierProps, ctx: ActorContext, kept: Kept): NotifierState {
  // Subscriptions go with a restart: taken out again.
  for (const p of ['signal.*', 'feed.*', 'risk.*', 'trade.*']) ctx.subscribe(topicPattern(p));
  return {
    feeds: kept.feeds,
    transitions: FeedTransitions.restore(kept.feeds),
    heard: {},
    // One generator per endpoint: its jitter does not depend on the others' failures.
    notifier: new Notifier(props.webhooks, { clock: ctx.clock, post: fetch, random: (name) => seededRandom(hash53(`${ctx.self}/${name}`)) }),
  };
}

function notify(s: NotifierState, e: NotifyEvent): void {
  s.heard[e.kind] = (s.heard[e.kind] ?? 0) + 1;
  s.notifier.notify(e);
}
