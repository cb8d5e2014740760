import { cancel, emptyBook, expireDue, match, replace, submit, type Book, type BookUpdate, type MatchEvent } from '../../market/matching/index.ts';
import { floorToStep, remainingQty, round8 } from '../../market/orders/index.ts';
import { recordEquity } from './equity.ts';
import type { AccountEvent, TradeUpdate } from './events.ts';
import { settleFill } from './positions.ts';
import { loggedEquity, unopened, type AccountState } from './state.ts';

/** A replayed event that does not fold the way it did live: the log and the code disagree. */
export class ReplayMismatch extends Error {
  override readonly name = 'ReplayMismatch';
}

/**
 * Folds one event into the state, in place, and returns the trade updates it caused. The only
 * way the state changes. In place because the state is the actor's own and a tick must not
 * copy every order; if this throws part-way the actor restarts from the log, so a half-applied
 * state never outlives the failure. `computed` is the book update the decision already made for
 * a tick (the same pure call, not run twice); a replay computes it. `seq` is the event's place in
 * the log, which names its fills (state.ts FillRecord).
 */
export function apply(s: AccountState, e: AccountEvent, computed?: BookUpdate, seq?: number): TradeUpdate[] {
  const named = { seq, n: 0 };
  if (e.type !== 'opened' && s.config === null) throw new ReplayMismatch(`account ${s.id}: ${e.type} before opened`);
  switch (e.type) {
    case 'opened':
      Object.assign(s, unopened(e.accountId), { config: e.config, cash: e.cash, openingCash: e.cash, time: e.at, bucket: { tokens: e.config.rate.capacity, updatedAt: e.at } });
      return [];
    case 'accepted': {
      advance(s, e.at);
      s.bucket = e.bucket;
      s.nextOrder += 1 + e.legs.length;
      for (const o of [e.order, ...e.legs]) s.orders[o.id] = o;
      s.clientIds[e.order.client_order_id] = e.order.id;
      const book = s.books[e.order.symbol] ?? emptyBook(e.order.symbol);
      return absorb(s, submit(book, { order: e.order, legs: e.legs }, e.at), named);
    }
    case 'rejected':
      advance(s, e.at);
      s.bucket = e.bucket;
      s.nextOrder += 1 + (e.order.leg_ids?.length ?? 0);
      s.orders[e.order.id] = e.order;
      return [{ event: 'rejected', at: e.at, order: e.order }];
    case 'cancel_requested': {
      advance(s, e.at);
      const order = s.orders[e.orderId];
      if (!order) throw new ReplayMismatch(`account ${s.id}: cancel of unknown order ${e.orderId}`);
      return absorb(s, cancel(s.books[order.symbol]!, e.orderId, e.at), named);
    }
    case 'tick': {
      const book = s.books[e.symbol];
      if (!book) throw new ReplayMismatch(`account ${s.id}: tick for ${e.symbol}, which has no book`);
      const update = computed ?? match(book, { kind: 'tick', time: e.time, price: e.price, size: e.size }, s.config.match);
      const fills = update.events.filter((m) => m.type === 'fill' || m.type === 'partial_fill').length;
      if (fills !== e.fills) throw new ReplayMismatch(`account ${s.id}: tick ${e.symbol} at ${e.time} made ${fills} fills, the log says ${e.fills}`);
      advance(s, e.time);
      s.prices[e.symbol] = { price: e.price, time: e.time };
      const updates = absorb(s, update, named);
      // Equity moved if something filled or a held position was repriced; otherwise it is as it was.
      if (fills > 0 || s.positions[e.symbol]) recordEquity(s.equity, e.time, loggedEquity(s));
      return updates;
    }
    case 'replaced': {
      advance(s, e.at);
      const old = s.orders[e.orderId];
      if (!old) throw new ReplayMismatch(`account ${s.id}: replace of unknown order ${e.orderId}`);
      s.bucket = e.bucket;
      s.nextOrder += 1;
      s.orders[e.order.id] = e.order;
      s.clientIds[e.order.client_order_id] = e.order.id;
      const updates = absorb(s, replace(s.books[old.symbol]!, e.orderId, e.order, e.at), named);
      // A leg replaced after its entry left the book (a filled bracket entry): the entry's record names the new leg.
      const parent = e.order.parent_id === null ? undefined : s.orders[e.order.parent_id];
      if (parent?.leg_ids?.includes(e.orderId)) s.orders[parent.id] = { ...parent, leg_ids: parent.leg_ids.map((id) => (id === e.orderId ? e.order.id : id)) };
      return updates;
    }
    case 'expired': {
      const book = s.books[e.symbol];
      if (!book) throw new ReplayMismatch(`account ${s.id}: expiry for ${e.symbol}, which has no book`);
      advance(s, e.at);
      return absorb(s, expireDue(book, e.at), named);
    }
    case 'marked':
      advance(s, e.at);
      s.prices[e.symbol] = { price: e.price, time: e.at };
      recordEquity(s.equity, e.at, loggedEquity(s));
      return [];
  }
}

/** Takes a book update: the book, every order as it now is, fills into cash and positions. */
function absorb(s: AccountState, update: BookUpdate, fills: { seq: number | undefined; n: number }): TradeUpdate[] {
  const book: Book = update.book;
  s.books[book.symbol] = book;
  const updates: TradeUpdate[] = [];
  for (const m of update.events) {
    s.orders[m.order.id] = m.order;
    const u = tradeUpdateOf(s, m, fills);
    if (u) updates.push(u);
  }
  // Some changes are no event of their own (a leg going to held, a trailing stop's hwm): the book has them.
  for (const w of book.working) s.orders[w.order.id] = w.order;
  return updates;
}

function tradeUpdateOf(s: AccountState, m: MatchEvent, fills: { seq: number | undefined; n: number }): TradeUpdate | null {
  switch (m.type) {
    case 'fill':
    case 'partial_fill': {
      const o = m.order;
      const id = fills.seq === undefined ? `#${s.fills.length}` : `${fills.seq}.${fills.n}`;
      fills.n++;
      const leavesQty = m.type === 'fill' ? 0 : o.qty !== null ? Math.max(0, round8(o.qty - o.filled_qty)) : floorToStep(remainingQty(o, m.price));
      const positionQty = settleFill(s, { id, orderId: o.id, symbol: o.symbol, side: o.side, qty: m.qty, price: m.price, fee: m.fee, liquidity: m.liquidity, at: m.at, type: m.type, cumQty: o.filled_qty, leavesQty });
      return { event: m.type, at: m.at, order: m.order, price: m.price, qty: m.qty, positionQty };
    }
    case 'triggered':
      return null; // Alpaca has no trade update for a stop firing; the fill that follows says it
    default:
      return { event: m.type, at: m.at, order: m.order };
  }
}

const advance = (s: AccountState, at: number) => {
  if (at > s.time) s.time = at;
};
