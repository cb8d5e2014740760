import { behaviour, topicPattern, type ActorContext } from '../../engine/index.ts';
import { candleTopic, forecastTopic, indicatorsTopic, tradeTopic } from '../../market/topics.ts';
import { emptyBook } from '../../strategies/book.ts';
import { ownsOrder, type Signal } from '../../strategies/signal.ts';
import { StrategyRunner, type Outcome, type RunnerState } from '../../strategies/runner.ts';
import { strategyConfigSchema, timeframesOf } from '../../strategies/config.ts';
import { definitionOf } from './load.ts';
import { checkCandle, checkForecast, checkIndicators, checkOrder } from './events.ts';
import { intentTopic, signalTopic, strategyProps, strategyProtocol, type IntentMsg, type StrategyProps, type StrategyStats } from './messages.ts';
import { orderBody } from './orders.ts';
import { Persistence } from './persistence.ts';
import { viewOf } from './view.ts';
import { warmUp } from './warm.ts';

export interface StrategyActor {
  props: StrategyProps;
  runner: StrategyRunner;
  store: Persistence;
  /** The newest signals, oldest first, at most `props.recent`. */
  recent: Signal[];
  stats: StrategyStats;
  /** The snapshot of the state as it is now; null once anything changed (rebuilt on demand). */
  snap: Snapshot | null;
}

interface Snapshot {
  runner: RunnerState;
  recent: Signal[];
  stats: StrategyStats;
}

const freshStats = (): StrategyStats => ({ events: 0, signals: 0, skipped: 0, rejected: 0, fills: 0, errors: 0, badEvents: 0, lastError: null, time: null, warmedCandles: 0 });

/**
 * A strategy, addressed `strategy/<id>`. It hears the closed candles of its symbols and
 * timeframes (and, when the strategy has the hooks, their indicator rows and forecasts) and its
 * account's trade updates; the pure runner (strategies/runner.ts) decides; each signal is
 * stored, published on `signal.<id>`, and its order published on `intent.<id>` for the order
 * route, which submits it to `account/<accountId>` and tells the answer back (`ack`).
 *
 * Market state: it restarts from its snapshot, taken after every message that changed it, so
 * a restarted strategy continues exactly; a decision heard again gives the same client_order_id,
 * which the account answers with the order it already has. A message that is not what its
 * topic promises, or a strategy hook that throws, is counted and decides nothing.
 */
export const strategy = behaviour({
  kind: 'strategy',
  props: strategyProps,
  protocol: strategyProtocol,
  mailbox: { capacity: 100_000, overflow: 'backpressure' }, // a dropped candle is a decision never made
  onFailure: 'restart',
  init: (props) => {
    const config = strategyConfigSchema.parse(props.config);
    const store = Persistence.open(props.db, config.id);
    const runner = new StrategyRunner(definitionOf(config), config);
    const s: StrategyActor = { props, runner, store, recent: store.recent(props.recent), stats: freshStats(), snap: null };
    if (props.warmFrom && config.warmup > 0) s.stats.warmedCandles = warmUp(runner, props.warmFrom);
    runner.replaceBook(store.book() ?? emptyBook(config.capital)); // what warming up decided was never sent
    return s;
  },
  onStart: (s, ctx) => listen(s, ctx),
  handlers: {
    candle: (s, m, ctx) => {
      if (!m.closed) return; // the forming candle of every print: not a decision point
      const e = checkCandle(m.symbol, m.candle);
      if (typeof e === 'string') return bad(s, e);
      decided(s, s.runner.candle(e), e.time, ctx);
    },
    indicators: (s, m, ctx) => {
      if (!m.closed) return;
      const e = checkIndicators(m);
      if (typeof e === 'string') return bad(s, e);
      decided(s, s.runner.indicators(e), e.time, ctx);
    },
    forecast: (s, m, ctx) => {
      const e = checkForecast(m);
      if (typeof e === 'string') return bad(s, e);
      decided(s, s.runner.forecast(e), e.madeAt, ctx);
    },
    trade_update: (s, m, ctx) => {
      const order = checkOrder(m.order);
      if (typeof order === 'string') return bad(s, order);
      if (!ownsOrder(s.runner.config.id, order.client_order_id)) return;
      const cid = order.client_order_id;
      if ((m.event === 'fill' || m.event === 'partial_fill') && m.qty !== null && m.price !== null) {
        s.stats.fills++;
        const outcome = s.runner.fill({ symbol: order.symbol, side: order.side, qty: m.qty, price: m.price, time: m.at, clientOrderId: cid, reason: '' });
        s.store.saveBook(s.runner.book, s.stats);
        if (m.event === 'fill') status(s, cid, 'filled', null, ctx);
        decided(s, outcome, m.at, ctx);
      } else if (m.event === 'rejected' || m.event === 'canceled' || m.event === 'expired') {
        s.runner.done(cid);
        status(s, cid, m.event === 'rejected' ? 'rejected' : 'canceled', null, ctx);
      } else if (m.event === 'new') {
        status(s, cid, 'accepted', null, ctx);
      }
      s.snap = null;
    },
    ack: (s, m, ctx) => {
      if (m.ok && m.status !== 'rejected') return status(s, m.clientOrderId, 'accepted', null, ctx);
      s.runner.done(m.clientOrderId);
      s.stats.rejected++;
      s.stats.lastError = `order ${m.clientOrderId} rejected: ${m.code ?? 'rejected'}: ${m.message ?? 'no reason given'}`;
      s.snap = null;
      status(s, m.clientOrderId, 'rejected', `${m.code ?? 'rejected'}: ${m.message ?? 'no reason given'}`, ctx);
    },
    view: (s, m, ctx) => ctx.reply(viewOf(s, m.signals ?? 20)),
  },
  // Signals in `recent` are replaced, never edited, once remembered: the snapshot shares them.
  snapshot: (s) => (s.snap ??= { runner: s.runner.getState(), recent: s.recent.slice(), stats: { ...s.stats } }),
  restore: (snap, props) => {
    const saved = snap as Snapshot;
    const config = strategyConfigSchema.parse(props.config);
    const runner = new StrategyRunner(definitionOf(config), config, saved.runner);
    return { props, runner, store: Persistence.open(props.db, config.id), recent: structuredClone(saved.recent), stats: structuredClone(saved.stats), snap: null };
  },
  onStop: (s) => s.store.close(),
  preRestart: (s) => s.store.close(), // restore opens it again
});

/** The topics of the strategy's symbols and timeframes, those its hooks need, and its account's trade updates. */
function listen(s: StrategyActor, ctx: ActorContext): void {
  const { config } = s.runner;
  const hears = s.runner.hears;
  for (const sym of config.symbols) {
    for (const tf of timeframesOf(config)) {
      ctx.subscribe(topicPattern(candleTopic(sym, tf)));
      if (hears.indicators) ctx.subscribe(topicPattern(indicatorsTopic(sym, tf)));
    }
    if (hears.forecasts) ctx.subscribe(topicPattern(forecastTopic(sym, config.timeframe)));
  }
  ctx.subscribe(topicPattern(tradeTopic(config.accountId)));
}

/** An event that is not what its topic promises: counted and named, never decided on. */
function bad(s: StrategyActor, why: string): void {
  s.stats.badEvents++;
  s.stats.lastError = why;
  s.snap = null;
}

/** What the runner decided: each signal stored, published, and its order sent on its way. */
function decided(s: StrategyActor, o: Outcome, time: number, ctx: ActorContext): void {
  s.snap = null;
  const { config } = s.runner;
  s.stats.events++;
  s.stats.time = Math.max(s.stats.time ?? time, time);
  s.stats.skipped += o.skipped.length;
  if (o.error !== null) {
    s.stats.errors++;
    s.stats.lastError = o.error;
  } else if (o.skipped.length > 0) {
    s.stats.lastError = `intent skipped: ${o.skipped[o.skipped.length - 1]!.why}`;
  }
  const intents = intentTopic(config.id);
  for (const g of o.signals) {
    s.stats.signals++;
    const routed = ctx.hasSubscribers(intents);
    if (!routed) {
      s.runner.done(g.clientOrderId);
      g.status = 'rejected';
      g.note = 'not sent: no order route listens on ' + intents;
    }
    s.store.insert(g, s.stats);
    remember(s, g);
    publishSignal(g, ctx);
    if (routed) ctx.publish(intents, { type: 'intent', strategyId: config.id, accountId: config.accountId, clientOrderId: g.clientOrderId, order: orderBody(g), price: g.price, time: g.time } satisfies IntentMsg);
  }
}

function remember(s: StrategyActor, g: Signal): void {
  s.recent.push(g);
  if (s.recent.length > s.props.recent) s.recent.splice(0, s.recent.length - s.props.recent);
}

/** A signal's order moved on: stored, kept, published again. Only forward: a late ack never undoes a fill. */
function status(s: StrategyActor, cid: string, to: Signal['status'], note: string | null, ctx: ActorContext): void {
  const i = s.recent.findIndex((r) => r.clientOrderId === cid);
  const g = s.recent[i];
  const explains = g !== undefined && g.status === to && g.note === null && note !== null; // the ack's reason after the trade update's rejection
  if (g && !moves(g.status, to) && !explains) return;
  s.store.setStatus(cid, to, note, s.stats);
  s.snap = null;
  if (!g) return;
  const moved = { ...g, status: to, note: note ?? g.note };
  s.recent[i] = moved;
  publishSignal(moved, ctx);
}

const RANK: Record<Signal['status'], number> = { sent: 0, accepted: 1, rejected: 2, canceled: 2, filled: 2 };
const moves = (from: Signal['status'], to: Signal['status']) => RANK[to] > RANK[from];

function publishSignal(g: Signal, ctx: ActorContext): void {
  const t = signalTopic(g.strategyId);
  if (ctx.hasSubscribers(t)) ctx.publish(t, { type: 'signal', ...g });
}
