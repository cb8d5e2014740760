import { behaviour, isTopicSegment, topicPattern, type ActorContext } from '../../engine/index.ts';
import { tickTopic, tradeTopic } from '../../market/topics.ts';
import { AccountLog } from '../../storage/sqlite/account-log.ts';
import { apply } from './apply.ts';
import { decideCancel, decideCancelAll, decideClosePosition, decideMark, decideSubmit, decideTick, type Decision } from './decide.ts';
import { equitySeries } from './equity.ts';
import type { AccountEvent, TradeUpdate } from './events.ts';
import { accountProps, accountProtocol, type AccountProps, type CommandReply, type HistoryReply, type TradeUpdateMsg } from './messages.ts';
import { decideReplace } from './replace.ts';
import { unopened, type AccountState } from './state.ts';
import { accountView, orderJson, ordersView, positionsView } from './views.ts';

interface Actor {
  props: AccountProps;
  log: AccountLog;
  account: AccountState;
  seq: number;
  snapshotSeq: number;
  /** Last prices heard: not logged, so not account state; they value positions and size orders. */
  marks: Record<string, number>;
  /** The latest market time heard (ticks, a submit's price time): what account time follows. Not state either. */
  marketTime: number;
  subscribed: Set<string>;
}

/**
 * A paper account. Every change is an event appended to the SQLite log first — synchronously,
 * in the handler — then applied, then acknowledged or published: nothing acknowledged is ever
 * lost, and a restart (init again) rebuilds the account from the last snapshot and the events
 * after it. No engine snapshot on purpose: the log is the one place money state comes back from.
 */
export const account = behaviour({
  kind: 'account',
  props: accountProps,
  protocol: accountProtocol,
  mailbox: { capacity: 100_000, overflow: 'backpressure' }, // orders never drop
  onFailure: 'restart',
  init: (props, ctx) => {
    const s = recover(props);
    follow(s, ctx);
    return s;
  },
  handlers: {
    submit: (s, m, ctx) => {
      const marks = m.price !== undefined && s.marks[symbolOf(m.order)] === undefined ? { ...s.marks, [symbolOf(m.order)]: m.price } : s.marks;
      if (m.time !== undefined) s.marketTime = Math.max(s.marketTime, m.time);
      command(s, decideSubmit(s.account, marks, m.order, at(s, ctx), m.assetClass), ctx);
    },
    cancel: (s, m, ctx) => command(s, decideCancel(s.account, m.orderId, at(s, ctx)), ctx),
    replace: (s, m, ctx) => command(s, decideReplace(s.account, s.marks, m.orderId, m.patch, at(s, ctx)), ctx),
    cancelAll: (s, _m, ctx) => command(s, decideCancelAll(s.account, at(s, ctx)), ctx),
    closePosition: (s, m, ctx) => command(s, decideClosePosition(s.account, s.marks, m.symbol, at(s, ctx)), ctx),
    tick: (s, m, ctx) => {
      s.marks[m.symbol] = m.price;
      if (Number.isFinite(m.time)) s.marketTime = Math.max(s.marketTime, m.time);
      const t = decideTick(s.account, { symbol: m.symbol, time: m.time, price: m.price, size: m.qty });
      if (t) return commit(s, [t.event], ctx, t.update);
      const mark = decideMark(s.account, m);
      if (mark) commit(s, [mark], ctx);
    },
    view: (s, _m, ctx) => ctx.reply({ account: accountView(s.account, s.marks), positions: positionsView(s.account, s.marks), orders: ordersView(s.account, { status: 'open', limit: 500, nested: false }) }),
    orders: (s, m, ctx) => ctx.reply(ordersView(s.account, m)),
    history: (s, _m, ctx) => {
      const time = Math.max(s.account.time, s.marketTime);
      ctx.reply({ openingCash: s.account.openingCash, time, samples: equitySeries(s.account.equity) } satisfies HistoryReply);
    },
    order: (s, m, ctx) => ctx.reply(s.account.orders[m.id] ? orderJson(s.account, s.account.orders[m.id]!) : null),
    orderByClientId: (s, m, ctx) => {
      const id = s.account.clientIds[m.clientOrderId];
      ctx.reply(id === undefined ? null : orderJson(s.account, s.account.orders[id]!));
    },
  },
  onStop: (s) => s.log.close(),
  preRestart: (s) => s.log.close(), // init opens it again and recovers from it
});

function recover(props: AccountProps): Actor {
  const log = AccountLog.open(props.db, props.accountId);
  const { state, seq } = log.recover<AccountState, AccountEvent>(
    () => unopened(props.accountId),
    (st, e) => (apply(st, e), st),
  );
  const s: Actor = { props, log, account: state, seq, snapshotSeq: log.latestSnapshot()?.seq ?? 0, marks: {}, marketTime: Number.NEGATIVE_INFINITY, subscribed: new Set() };
  if (seq === 0) {
    // The clock's time is not known here without a context; the account opens at time 0 and its first command moves it on.
    const opened: AccountEvent = { type: 'opened', at: 0, accountId: props.accountId, cash: props.cash, config: props.config };
    s.seq = log.append([opened]);
    apply(s.account, opened);
  }
  return s;
}

/**
 * Account time follows the market the account trades: the later of its last event and the last
 * market time it heard, so order timestamps never run backwards. Not the clock: a replayed market
 * runs on its recorded times, and an order stamped with today's date would never see a replayed
 * print (an order takes part only in prices stamped at or after it). The clock stands in only
 * for an account that has heard no market yet; with a simulated clock the two agree anyway.
 */
const at = (s: Actor, ctx: ActorContext) => {
  const known = Math.max(s.account.time, s.marketTime);
  return known > 0 ? known : ctx.now();
};

function command(s: Actor, d: Decision, ctx: ActorContext): void {
  if (!d.ok) return ctx.reply({ ok: false, code: d.code, message: d.message } satisfies CommandReply);
  commit(s, d.events, ctx);
  const order = d.orderId === undefined ? undefined : s.account.orders[d.orderId];
  const canceled = d.events.flatMap((e) => (e.type === 'cancel_requested' ? [e.orderId] : []));
  const refused = d.events.find((e) => e.type === 'rejected');
  const rejection = refused ? { code: refused.code, message: refused.message } : null;
  ctx.reply({ ok: true, order: order ? orderJson(s.account, order) : null, duplicate: d.duplicate ?? false, canceled, rejection } satisfies CommandReply);
}

/** Log first, then state, then the world. If the append throws, nothing was applied and nothing answered. */
function commit(s: Actor, events: AccountEvent[], ctx: ActorContext, computed?: Parameters<typeof apply>[2]): void {
  if (events.length === 0) return;
  s.seq = s.log.append(events);
  const updates: TradeUpdate[] = [];
  for (const e of events) updates.push(...apply(s.account, e, events.length === 1 ? computed : undefined));
  if (s.seq - s.snapshotSeq >= s.props.snapshotEvery) {
    s.log.saveSnapshot(s.seq, s.account);
    s.snapshotSeq = s.seq;
  }
  const t = tradeTopic(s.props.accountId);
  if (ctx.hasSubscribers(t)) for (const u of updates) ctx.publish(t, tradeUpdateMsg(s, u));
  follow(s, ctx);
}

function tradeUpdateMsg(s: Actor, u: TradeUpdate): TradeUpdateMsg {
  return { type: 'trade_update', event: u.event, at: u.at, order: orderJson(s.account, u.order), price: u.price ?? null, qty: u.qty ?? null, positionQty: u.positionQty ?? null };
}

/** Listens to the ticks of every symbol with working orders, a position, or on the watch list. */
function follow(s: Actor, ctx: ActorContext): void {
  const wanted = new Set(s.props.watch);
  for (const b of Object.values(s.account.books)) if (b.working.length > 0) wanted.add(b.symbol);
  for (const p of Object.keys(s.account.positions)) wanted.add(p);
  for (const sym of wanted) {
    if (s.subscribed.has(sym) || !isTopicSegment(sym)) continue; // BTC/USD cannot be a topic segment: such a symbol waits for a topic mapping
    ctx.subscribe(topicPattern(tickTopic(sym)));
    s.subscribed.add(sym);
  }
  for (const sym of s.subscribed) {
    if (wanted.has(sym)) continue;
    ctx.unsubscribe(topicPattern(tickTopic(sym)));
    s.subscribed.delete(sym);
  }
}

const symbolOf = (body: unknown): string => {
  const sym = (body as { symbol?: unknown } | null)?.symbol;
  return typeof sym === 'string' ? sym.trim().toUpperCase() : '';
};
