import { round8 } from '../orders/decimal.ts';
import { applyFill } from '../orders/fill.ts';
import { transition } from '../orders/lifecycle.ts';
import type { Order } from '../orders/order.ts';
import type { Book, BookUpdate, CancelReason, MatchEvent } from './book.ts';
import type { MatchConfig } from './config.ts';
import { heldLegs, ocoSiblings } from './contingency.ts';
import { isOpen } from './order-rules.ts';
import { feeOf, type Liquidity } from './pricing.ts';

/** A working order while a run changes it. */
export interface Entry {
  order: Order;
  rested: boolean;
  activeFrom: number;
}

/**
 * One call's working copy of a book. The public functions (`match`, `submit`, `cancel`,
 * `expireDue`) are pure: each copies the book into a Run, lets the run change its copy, and
 * returns the new book with the events; the caller's book is never touched. Every change to an
 * order goes through one of the methods below, which also record the event and apply the
 * order-class rules, so no change escapes the event list.
 */
export class Run {
  readonly entries: Entry[];
  readonly events: MatchEvent[] = [];
  /** The time the current step happens at: events are stamped with it. */
  stamp = 0;
  /** Orders take part only if active from this time on (see WorkingOrder.activeFrom). */
  cutoff = 0;
  lastPrice: number | null;
  lastTime: number | null;

  constructor(
    private readonly book: Book,
    readonly config: MatchConfig,
    /** The event's volume (a tick's size, a bar's volume), for volume-share slippage. */
    readonly volume = 0,
    /** What the participation cap still lets this book take in the event. */
    public capacity = Number.POSITIVE_INFINITY,
  ) {
    this.entries = book.working.map((w) => ({ order: w.order, rested: w.rested, activeFrom: w.activeFrom }));
    this.lastPrice = book.lastPrice;
    this.lastTime = book.lastTime;
  }

  at(stamp: number, cutoff = stamp): void {
    this.stamp = stamp;
    this.cutoff = cutoff;
  }

  find(id: string): Entry | undefined {
    return this.entries.find((e) => e.order.id === id);
  }

  add(order: Order, activeFrom: number): void {
    if (order.symbol !== this.book.symbol) throw new Error(`Invalid order ${order.id}: symbol ${order.symbol} in the ${this.book.symbol} book`);
    if (this.find(order.id)) throw new Error(`Invalid order ${order.id}: already in the ${this.book.symbol} book`);
    this.entries.push({ order, rested: false, activeFrom });
    if (order.status === 'new') this.events.push({ type: 'new', at: this.stamp, order });
  }

  /** A change that is no event of its own (a trailing stop's hwm). */
  set(e: Entry, order: Order): void {
    e.order = order;
  }

  fill(e: Entry, qty: number, rawPrice: number, liquidity: Liquidity): void {
    const price = round8(rawPrice);
    const order = applyFill(e.order, qty, price, this.stamp);
    e.order = order;
    this.capacity = this.capacity === Number.POSITIVE_INFINITY ? this.capacity : round8(this.capacity - qty);
    const fee = feeOf(this.config, liquidity, qty, price);
    this.events.push({ type: order.status === 'filled' ? 'fill' : 'partial_fill', at: this.stamp, qty, price, fee, liquidity, order });
    for (const sibling of ocoSiblings(order, this.openOrders())) this.cancel(this.entryOf(sibling), 'oco_sibling_filled');
    if (order.status === 'filled') for (const leg of heldLegs(order, this.openOrders())) this.activate(this.entryOf(leg), null);
  }

  trigger(e: Entry, price: number): void {
    e.order = { ...e.order, triggered_at: this.stamp, updated_at: Math.max(e.order.updated_at, this.stamp) };
    e.rested = false; // from here it works as a market or limit order that has just arrived
    this.events.push({ type: 'triggered', at: this.stamp, price, order: e.order });
  }

  cancel(e: Entry, reason: CancelReason): void {
    e.order = transition(e.order, 'canceled', this.stamp);
    this.events.push({ type: 'canceled', at: this.stamp, reason, order: e.order });
    this.closeLegs(e, 'parent_canceled');
    if (reason === 'requested') for (const sibling of ocoSiblings(e.order, this.openOrders())) this.cancel(this.entryOf(sibling), 'oco_sibling_canceled');
  }

  /** Takes an order out as replaced (it is `pending_replace` with `replaced_by` set). */
  replace(e: Entry, pending: Order): void {
    e.order = transition(pending, 'replaced', this.stamp);
    this.events.push({ type: 'replaced', at: this.stamp, order: e.order });
  }

  /** Expires every open order whose session ended by `time`, earliest first (ties in book order). */
  expireDue(time: number): void {
    const due = this.entries.filter((e) => isOpen(e.order) && e.order.expires_at !== null && e.order.expires_at <= time);
    due.sort((a, b) => a.order.expires_at! - b.order.expires_at!);
    const [stamp, cutoff] = [this.stamp, this.cutoff];
    for (const e of due) {
      if (!isOpen(e.order)) continue; // a parent's expiry may have closed it already
      this.at(Math.max(e.order.expires_at!, e.order.updated_at));
      e.order = transition(e.order, 'expired', this.stamp);
      this.events.push({ type: 'expired', at: this.stamp, order: e.order });
      this.closeLegs(e, 'parent_expired');
    }
    this.at(stamp, cutoff);
  }

  /** A held leg goes to work (with the entry's filled quantity, if the entry closed part filled). */
  private activate(e: Entry, qty: number | null): void {
    const order = qty === null ? e.order : { ...e.order, qty };
    e.order = transition(order, 'new', this.stamp);
    e.rested = false;
    e.activeFrom = this.cutoff;
    this.events.push({ type: 'new', at: this.stamp, order: e.order });
  }

  /** An entry closed unfilled or part filled: its held exits protect what filled, or go. */
  private closeLegs(e: Entry, reason: 'parent_canceled' | 'parent_expired'): void {
    const filled = e.order.filled_qty;
    for (const leg of heldLegs(e.order, this.openOrders())) {
      if (filled > 0) this.activate(this.entryOf(leg), filled);
      else this.cancel(this.entryOf(leg), reason);
    }
  }

  private openOrders(): Order[] {
    return this.entries.filter((e) => isOpen(e.order)).map((e) => e.order);
  }

  private entryOf(order: Order): Entry {
    const e = this.find(order.id);
    if (!e) throw new Error(`Invalid book ${this.book.symbol}: order ${order.id} vanished`);
    return e;
  }

  result(): BookUpdate {
    const working = this.entries.filter((e) => isOpen(e.order)).map((e) => ({ order: e.order, rested: e.rested, activeFrom: e.activeFrom }));
    return { book: { symbol: this.book.symbol, lastPrice: this.lastPrice, lastTime: this.lastTime, working }, events: this.events };
  }
}
