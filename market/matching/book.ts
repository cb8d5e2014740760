import type { Order } from '../orders/order.ts';
import type { Liquidity } from './pricing.ts';

/**
 * The open orders of one symbol in one account, as plain data: what an account actor snapshots
 * and restores, and what replay rebuilds from the event log. Orders are kept in submission order,
 * which breaks every tie (two orders acting at the same price act in that order).
 */
export interface Book {
  readonly symbol: string;
  /** The last price matched, for trailing stops submitted before the next event. */
  readonly lastPrice: number | null;
  /** The time of the last point matched: market events must not go back before it. */
  readonly lastTime: number | null;
  readonly working: readonly WorkingOrder[];
}

export interface WorkingOrder {
  /** Status new, partially_filled or held. */
  readonly order: Order;
  /**
   * False until the order has seen a price while working. A limit that is marketable at the
   * first price it sees takes liquidity at that price; one that has rested fills at its limit as
   * a maker. IOC and FOK orders are decided at that first price.
   */
  readonly rested: boolean;
  /** The time from which the order takes part: prices stamped earlier do not reach it. */
  readonly activeFrom: number;
}

export const emptyBook = (symbol: string): Book => ({ symbol, lastPrice: null, lastTime: null, working: [] });

export type CancelReason =
  | 'requested'
  | 'ioc_unfilled'
  | 'fok_unfilled'
  /** A fill on one order of an OCO pair (or a bracket's exits) canceled the other. */
  | 'oco_sibling_filled'
  | 'oco_sibling_canceled'
  /** The entry of a bracket or OTO closed with nothing filled, so its exits have nothing to exit. */
  | 'parent_canceled'
  | 'parent_expired';

/** What happened, in order. Each carries the order as it is after the event. */
export type MatchEvent =
  | { readonly type: 'new'; readonly at: number; readonly order: Order }
  | { readonly type: 'triggered'; readonly at: number; readonly price: number; readonly order: Order }
  | {
      readonly type: 'fill' | 'partial_fill';
      readonly at: number;
      readonly qty: number;
      readonly price: number;
      readonly fee: number;
      readonly liquidity: Liquidity;
      readonly order: Order;
    }
  | { readonly type: 'canceled'; readonly at: number; readonly reason: CancelReason; readonly order: Order }
  | { readonly type: 'expired'; readonly at: number; readonly order: Order }
  /** A working order taken out by a replacement (Alpaca's PATCH); the order carries `replaced_by`. */
  | { readonly type: 'replaced'; readonly at: number; readonly order: Order };

export interface BookUpdate {
  readonly book: Book;
  readonly events: readonly MatchEvent[];
}
