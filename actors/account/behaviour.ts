import { behaviour, isTopicSegment, topicPattern, type ActorContext, type TimerId } from '../../engine/index.ts';
import { tickTopic, tradeTopic } from '../../market/topics.ts';
import { AccountLog } from '../../storage/sqlite/account-log.ts';
import { apply } from './apply.ts';
import { decideCancel, decideCancelAll, decideClosePosition, decideExpire, decideMark, decideSubmit, decideTick, nextExpiry, type Decision } from './decide.ts';
import { equitySeries } from './equity.ts';
import type { AccountEvent, TradeUpdate } from './events.ts';
import { accountProps, accountProtocol, type AccountProps, type CommandReply, type HistoryReply, type TradeUpdateMsg } from './messages.ts';
import { decideReplace } from './replace.ts';
import { unopened, type AccountState } from './state.ts';
import { accountView, fillsView, orderJson, ordersView, positionsView } from './views.ts';

interface Actor {
  props: AccountProps;
  log: AccountLog;
  account: AccountState;
  seq: number;
  snapshotSeq: number;
  /** The last snapshot's size (JSON characters): a bigger state is snapshotted less often (see `snapshotDue`). */
  snapshotBytes: number;
  /** Last prices heard: not logged, so not account state; they value positions and size orders. */
  marks: Record<string, number>;
  /** The latest market time heard (ticks, a submit's price time): what account time follows. Not state either. */
  marketTime: number;
  /** The clock's time when `marketTime` last moved: how long the market has been quiet. */
  heardAt: number;
  subscribed: Set<string>;
  /** The timer that expires day orders no price comes to expire, and the session end it waits for. */
  expiry: { at: number; timer: TimerId } | null;
}

/**
 * A snapshot is the whole state (every order and fill the account ever had), so its cost grows
 * with the account's history; one is written every `snapshotEvery` events, or every (its size /
 * this) events once that is more. So writing snapshots costs at most this many JSON characters
 * per event, amortised, however old the account, and recovery replays a tail that grows only
 * with the state it saves replaying (measured: `npm run bench -- orders`, fills in a replay).
 */
const SNAPSHOT_CHARS_PER_EVENT = 2_000;
const snapshotDue = (s: Actor) => s.seq - s.snapshotSeq >= Math.max(s.props.snapshotEvery, Math.ceil(s.snapshotBytes / SNAPSHOT_CHARS_PER_EVENT));

/** The expiry timer looks again at least this often: a long wait (a weekend) is no one long timer. */
const EXPIRY_RECHECK_MS = 3_600_000;

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
    const s = recover(props, ctx.now());
    follow(s, ctx);
    scheduleExpiry(s, ctx);
    return s;
  },
  handlers: {
    submit: (s, m, ctx) => {
      const marks = m.price !== undefined && s.marks[symbolOf(m.order)] === undefined ? { ...s.marks, [symbolOf(m.order)]: m.price } : s.marks;
      if (m.time !== undefined) heard(s, m.time, ctx);
      command(s, decideSubmit(s.account, marks, m.order, at(s, ctx), m.assetClass), ctx);
    },
    cancel: (s, m, ctx) => command(s, decideCancel(s.account, m.orderId, at(s, ctx)), ctx),
    replace: (s, m, ctx) => command(s, decideReplace(s.account, s.marks, m.orderId, m.patch, at(s, ctx)), ctx),
    cancelAll: (s, _m, ctx) => command(s, decideCancelAll(s.account, at(s, ctx)), ctx),
    closePosition: (s, m, ctx) => command(s, decideClosePosition(s.account, s.marks, m.symbol, at(s, ctx)), ctx),
    tick: (s, m, ctx) => {
      s.marks[m.symbol] = m.price;
      if (Number.isFinite(m.time)) heard(s, m.time, ctx);
      // A market moving faster than the clock (a replay) reaches a session end before the timer does.
      if (s.expiry !== null && marketNow(s, ctx) >= s.expiry.at) expireDue(s, ctx);
      const t = decideTick(s.account, { symbol: m.symbol, time: m.time, price: m.price, size: m.qty });
      if (t) return commit(s, [t.event], ctx, t.update);
      const mark = decideMark(s.account, m);
      if (mark) commit(s, [mark], ctx);
    },
    view: (s, _m, ctx) => ctx.reply({ account: accountView(s.account, s.marks), positions: positionsView(s.account, s.marks), orders: ordersView(s.account, { status: 'open', limit: 500, nested: false }) }),
    orders: (s, m, ctx) => ctx.reply(ordersView(s.account, m)),
    fills: (s, m, ctx) => ctx.reply(fillsView(s.account, m)),
    expire: (s, _m, ctx) => {
      s.expiry = null;
      expireDue(s, ctx);
    },
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

function recover(props: AccountProps, now: number): Actor {
  const log = AccountLog.open(props.db, props.accountId);
  const { state, seq, snapshot } = log.recover<AccountState, AccountEvent>(
    () => unopened(props.accountId),
    (st, e, at) => (apply(st, e, undefined, at), st),
  );
  // Until the market speaks again, the last logged time stands for it: after a restart the expiry
  // timer counts on from there, never from the clock (a replayed market's time is not the clock's).
  const s: Actor = { props, log, account: state, seq, snapshotSeq: snapshot?.seq ?? 0, snapshotBytes: snapshot?.bytes ?? 0, marks: {}, marketTime: state.time, heardAt: now, subscribed: new Set(), expiry: null };
  if (seq === 0) {
    // The account opens at time 0 (not the clock's: a replayed market's times may lie before it); its first command moves it on.
    const opened: AccountEvent = { type: 'opened', at: 0, accountId: props.accountId, cash: props.cash, config: props.config };
    s.seq = log.append([opened]);
    apply(s.account, opened, undefined, s.seq);
  }
  return s;
}

/** A market time heard: account time follows it (see `at`), and the expiry timer counts from it. */
function heard(s: Actor, time: number, ctx: ActorContext): void {
  if (time > s.marketTime) {
    s.marketTime = time;
    s.heardAt = ctx.now();
  }
}

/**
 * The market's time now, as far as the account can tell: the last market time heard, moved on by
 * the clock's time since (a market that went quiet — a stock after its close, a feed that stopped
 * — is still moving on). Never ahead of a market running at real time or faster: a replay at 60×
 * sends prices sooner than this estimate reaches them. After a restart it counts from the last
 * logged time (a live market's next tick soon corrects it); the clock alone for a new account.
 */
function marketNow(s: Actor, ctx: ActorContext): number {
  const now = ctx.now();
  const estimate = Number.isFinite(s.marketTime) && s.marketTime > 0 ? s.marketTime + Math.max(0, now - s.heardAt) : now;
  return Math.max(estimate, s.account.time);
}

/** Expires the day orders whose session has ended by the market's time now, and sets the timer for the next. */
function expireDue(s: Actor, ctx: ActorContext): void {
  commit(s, decideExpire(s.account, marketNow(s, ctx)), ctx);
  scheduleExpiry(s, ctx);
}

/**
 * Keeps one timer on the earliest session end of the open day orders, so they expire with no
 * price after the end (a tick past it expires them itself, in matching). Waits by the clock for
 * the market time still to go, at most an hour at a time.
 */
function scheduleExpiry(s: Actor, ctx: ActorContext): void {
  const next = nextExpiry(s.account);
  if (s.expiry !== null && s.expiry.at === next) return;
  if (s.expiry !== null) ctx.cancelTimer(s.expiry.timer);
  s.expiry = null;
  if (next === null) return;
  const wait = Math.min(EXPIRY_RECHECK_MS, Math.max(0, next - marketNow(s, ctx)));
  s.expiry = { at: next, timer: ctx.after(wait, { type: 'expire' }) };
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
  const first = s.seq - events.length + 1;
  const updates: TradeUpdate[] = [];
  for (const [i, e] of events.entries()) updates.push(...apply(s.account, e, events.length === 1 ? computed : undefined, first + i));
  if (snapshotDue(s)) {
    s.snapshotBytes = s.log.saveSnapshot(s.seq, s.account);
    s.snapshotSeq = s.seq;
  }
  const t = tradeTopic(s.props.accountId);
  if (ctx.hasSubscribers(t)) for (const u of updates) ctx.publish(t, tradeUpdateMsg(s, u));
  follow(s, ctx);
  scheduleExpiry(s, ctx);
}

function tradeUpdateMsg(s: Actor, u: TradeUpdate): TradeUpdateMsg {
  return { type: 'trade_update', accountId: s.props.accountId, event: u.event, at: u.at, order: orderJson(s.account, u.order), price: u.price ?? null, qty: u.qty ?? null, positionQty: u.positionQty ?? null };
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
