import type { CreatedOrders } from '../orders/create.ts';
import { transition } from '../orders/lifecycle.ts';
import type { Order } from '../orders/order.ts';
import type { Book, BookUpdate } from './book.ts';
import { DEFAULT_MATCH_CONFIG } from './config.ts';
import { isOpen, trailTo } from './order-rules.ts';
import { Run } from './run.ts';

/**
 * Puts an accepted order and its legs in the book at `at`: the order works from the next price
 * stamped at or after `at` (an order never fills on a price it could not have seen). Bracket
 * and OTO legs are held until the entry fills; an OCO's stop leg works at once. A trailing stop
 * starts trailing from the book's last price. Throws if an id is already in the book.
 */
export function submit(book: Book, { order, legs }: CreatedOrders, at: number): BookUpdate {
  const run = new Run(book, DEFAULT_MATCH_CONFIG);
  run.at(at);
  let working = transition(order, 'new', at);
  if (working.type === 'trailing_stop' && book.lastPrice !== null) working = trailTo(working, book.lastPrice);
  run.add(working, at);
  for (const leg of legs) run.add(transition(leg, order.order_class === 'oco' ? 'new' : 'held', at), at);
  return run.result();
}

/**
 * Cancels an open order at a client's request, with what that implies: the other side of an
 * OCO pair or bracket goes too; a bracket or OTO entry's held exits go, unless the entry had
 * filled in part, in which case they go to work for the filled quantity. Throws for an order the
 * book does not hold open: the account checks its own records before asking.
 */
export function cancel(book: Book, orderId: string, at: number): BookUpdate {
  const run = new Run(book, DEFAULT_MATCH_CONFIG);
  run.at(at);
  const entry = run.find(orderId);
  if (!entry || !isOpen(entry.order)) throw new Error(`Cannot cancel order ${orderId}: it is not open in the ${book.symbol} book`);
  run.cancel(entry, 'requested');
  return run.result();
}

/** Expires the day orders whose session ended by `at`; for a session end that no price follows. */
export function expireDue(book: Book, at: number): BookUpdate {
  const run = new Run(book, DEFAULT_MATCH_CONFIG);
  run.expireDue(at);
  return run.result();
}

/**
 * Alpaca's replace (PATCH /v2/orders/{id}): the open order `orderId` leaves the book as
 * `replaced` (through `pending_replace`, as the lifecycle table goes), linked to its replacement
 * by `replaced_by`, and the replacement — accepted by the account, `replaces` set — goes to work
 * as a fresh submission at `at`: it takes part from the next price, as any new order does.
 *
 * An order of a bracket, OCO or OTO group is replaced in its place in the group: the replacement
 * carries the same `parent_id` and `leg_ids`, a held leg's replacement is held too, the parent's
 * `leg_ids` name the replacement instead, and a replaced parent's legs point to its replacement.
 * So the group's rules (exits wait for the entry, a fill on one exit cancels the other) carry on
 * as if the replacement had been there from the start. Throws for an order the book does not
 * hold open, or a replacement that would leave its group; the account checks before asking.
 */
export function replace(book: Book, orderId: string, replacement: Order, at: number): BookUpdate {
  const run = new Run(book, DEFAULT_MATCH_CONFIG);
  run.at(at);
  const entry = run.find(orderId);
  if (!entry || !isOpen(entry.order)) throw new Error(`Cannot replace order ${orderId}: it is not open in the ${book.symbol} book`);
  const old = entry.order;
  if (replacement.replaces !== orderId) throw new Error(`Invalid replacement ${replacement.id}: it must name ${orderId} in replaces`);
  if (replacement.parent_id !== old.parent_id || (replacement.leg_ids ?? []).join() !== (old.leg_ids ?? []).join() || replacement.order_class !== old.order_class) {
    throw new Error(`Invalid replacement ${replacement.id}: it must take ${orderId}'s place in its ${old.order_class} group`);
  }
  run.replace(entry, { ...transition(old, 'pending_replace', at), replaced_by: replacement.id });
  let working = transition(replacement, old.status === 'held' ? 'held' : 'new', at);
  if (working.type === 'trailing_stop' && book.lastPrice !== null) working = trailTo(working, book.lastPrice);
  run.add(working, at);
  for (const e of run.entries) {
    if (old.parent_id !== null && e.order.id === old.parent_id) run.set(e, { ...e.order, leg_ids: e.order.leg_ids!.map((id) => (id === orderId ? replacement.id : id)) });
    if (e.order.parent_id === orderId && isOpen(e.order)) run.set(e, { ...e.order, parent_id: replacement.id });
  }
  return run.result();
}
