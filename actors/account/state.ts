import type { Book } from '../../market/matching/index.ts';
import type { Order, Side } from '../../market/orders/index.ts';
import type { TokenBucket } from '../../market/risk/index.ts';
import type { AccountConfig } from './config.ts';
import { emptyEquityHistory, type EquityHistory } from './equity.ts';

/** A holding: signed quantity (negative is short), its average entry price and what it cost. */
export interface Position {
  readonly symbol: string;
  readonly qty: number;
  readonly avgEntryPrice: number;
  readonly costBasis: number;
}

export interface FillRecord {
  /**
   * `<seq>.<n>`: the n-th fill (from 0) of the logged event at `seq`. Made from the log, so a
   * replay makes the same ids and an event applied twice would show as a repeated id. `#<n>` for
   * a state folded without a log (tests).
   */
  readonly id: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  readonly liquidity: 'maker' | 'taker';
  readonly at: number;
  /** Alpaca's activity figures: whether this fill completed the order, its filled and remaining quantity after it. */
  readonly type: 'fill' | 'partial_fill';
  readonly cumQty: number;
  readonly leavesQty: number;
}

/**
 * Everything an account is, as plain JSON-safe data: what a snapshot holds and what `apply`
 * folds events into. Last prices are not here: they come from ticks that are not logged, so
 * valuations take them as an argument (views.ts).
 */
export interface AccountState {
  id: string;
  config: AccountConfig;
  cash: number;
  /** The latest time any event carried: account time never runs backwards (order timestamps depend on it). */
  time: number;
  /** The next order number; ids are made from it, so replay makes the same ones. */
  nextOrder: number;
  positions: Record<string, Position>;
  /** Every order ever made here, legs and rejected ones included, by id. */
  orders: Record<string, Order>;
  /** client_order_id → order id, for accepted orders: a retried submit finds its order here. */
  clientIds: Record<string, string>;
  /** The matching book of each symbol traded. */
  books: Record<string, Book>;
  fills: FillRecord[];
  feesPaid: number;
  /** Realised profit and loss of closed quantity, before fees (fees are `feesPaid`). */
  realizedPnl: number;
  bucket: TokenBucket;
  /** The cash the account opened with: the base its returns are measured from. */
  openingCash: number;
  /** The last logged price of each symbol (ticks, marks) and its time: what the equity history values positions at. */
  prices: Record<string, { price: number; time: number }>;
  equity: EquityHistory;
}

/** An account before its `opened` event: nothing valid can be done with it but open it. */
export function unopened(id: string): AccountState {
  return {
    id,
    config: null as unknown as AccountConfig,
    cash: 0,
    time: Number.NEGATIVE_INFINITY,
    nextOrder: 1,
    positions: {},
    orders: {},
    clientIds: {},
    books: {},
    fills: [],
    feesPaid: 0,
    realizedPnl: 0,
    bucket: { tokens: 0, updatedAt: 0 },
    openingCash: 0,
    prices: {},
    equity: emptyEquityHistory(),
  };
}

/** Order ids sort in submission order as strings: the risk projection walks them that way. */
export const orderId = (account: string, n: number): string => `${account}-${String(n).padStart(10, '0')}`;

/** The orders working in any book (new, partially_filled, held), in submission order. */
export function openOrders(s: AccountState): Order[] {
  const open: Order[] = [];
  for (const book of Object.values(s.books)) for (const w of book.working) open.push(w.order);
  return open.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const signedPositions = (s: AccountState): Record<string, number> =>
  Object.fromEntries(Object.values(s.positions).map((p) => [p.symbol, p.qty]));

/** Cash plus every position at its last logged price (its entry price before any): the equity history's reading. */
export function loggedEquity(s: AccountState): number {
  let equity = s.cash;
  for (const p of Object.values(s.positions)) equity += p.qty * (s.prices[p.symbol]?.price ?? p.avgEntryPrice);
  return equity;
}
