import { round8 } from '../market/orders/decimal.ts';
import type { Position, Side } from './strategy.ts';

/** An order sent and not yet done: what `pending` and `exposure` count. */
export interface PendingOrder {
  readonly symbol: string;
  readonly side: Side;
  /** What is still to fill. */
  readonly qty: number;
  readonly reason: string;
  readonly time: number;
}

/**
 * A strategy's own book, as plain JSON: its positions (average entry price as Alpaca keeps it),
 * its cash against its capital, realised P&L, and its orders in flight. Built only from the
 * strategy's own fills, so several strategies can share one account.
 */
export interface BookState {
  /** null without a capital: the strategy then sizes in fixed quantities only. */
  cash: number | null;
  realizedPnl: number;
  positions: Record<string, Position>;
  pending: Record<string, PendingOrder>;
}

export const emptyBook = (capital: number | undefined): BookState => ({ cash: capital ?? null, realizedPnl: 0, positions: {}, pending: {} });

/** Quantities are rounded as the account rounds them (market/orders: 8 decimals), so sums of fills do not drift from its. */
export const roundQty = (q: number): number => (Number.isFinite(q) ? round8(q) : q);

export const signedQty = (side: Side, qty: number): number => (side === 'buy' ? qty : -qty);

export function pendingQty(book: BookState, symbol: string): number {
  let q = 0;
  for (const p of Object.values(book.pending)) if (p.symbol === symbol) q += signedQty(p.side, p.qty);
  return roundQty(q);
}

/**
 * One fill into the book: position, average entry (kept while a position shrinks, reset when it
 * flips), realised P&L on the closed part, cash by the notional. The order's pending quantity
 * goes down by the fill; an order the book does not know (sent before a restart) still counts.
 */
export function applyFill(book: BookState, clientOrderId: string, symbol: string, side: Side, qty: number, price: number): void {
  const pending = book.pending[clientOrderId];
  if (pending) {
    const left = roundQty(pending.qty - qty);
    if (left > 0) book.pending[clientOrderId] = { ...pending, qty: left };
    else delete book.pending[clientOrderId];
  }
  const delta = signedQty(side, qty);
  const before = book.positions[symbol];
  const q0 = before?.qty ?? 0;
  const q1 = roundQty(q0 + delta);
  let avg = before?.avgEntryPrice ?? price;
  if (q0 === 0 || Math.sign(q0) === Math.sign(delta)) {
    avg = q0 === 0 ? price : (avg * Math.abs(q0) + price * qty) / Math.abs(q1);
  } else {
    const closed = Math.min(Math.abs(q0), qty);
    book.realizedPnl += closed * (price - avg) * Math.sign(q0);
    if (Math.sign(q1) !== Math.sign(q0) && q1 !== 0) avg = price; // flipped: the new side opens at this price
  }
  if (book.cash !== null) book.cash -= delta * price;
  if (q1 === 0) delete book.positions[symbol];
  else book.positions[symbol] = { symbol, qty: q1, avgEntryPrice: avg };
}

/** An order that will not fill (rejected, canceled, expired, or its send failed) leaves the book's pending list. */
export function dropPending(book: BookState, clientOrderId: string): void {
  delete book.pending[clientOrderId];
}

/** Cash plus positions at the given marks (the entry price where no mark is known); NaN without a capital. */
export function equityOf(book: BookState, mark: (symbol: string) => number | undefined): number {
  if (book.cash === null) return Number.NaN;
  let e = book.cash;
  for (const p of Object.values(book.positions)) e += p.qty * (mark(p.symbol) ?? p.avgEntryPrice);
  return e;
}
