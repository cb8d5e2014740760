import type { Order } from '../../market/orders/index.ts';
import type { RejectionCode, TokenBucket } from '../../market/risk/index.ts';
import type { AccountConfig } from './config.ts';

/**
 * What an account's log holds: facts, decided once, in the order they happened. The state is
 * only ever the fold of these (`apply`), so replaying the log rebuilds it exactly.
 *
 * A `tick` is logged for a symbol whose book holds working orders, and applying it runs the
 * matching engine again: matching is a pure function of the book, the tick and the config (all
 * in the log), so the fills come out the same. `fills` is how many the live run saw; a replay
 * that finds another number stops rather than guess (the matching code changed under the log).
 */
export type AccountEvent =
  | { readonly type: 'opened'; readonly at: number; readonly accountId: string; readonly cash: number; readonly config: AccountConfig }
  | { readonly type: 'accepted'; readonly at: number; readonly order: Order; readonly legs: readonly Order[]; readonly bucket: TokenBucket }
  /** A refused order is kept for `order(id)` and the trade_updates stream; it holds no client_order_id. */
  | { readonly type: 'rejected'; readonly at: number; readonly order: Order; readonly code: RejectionCode; readonly message: string; readonly bucket: TokenBucket }
  | { readonly type: 'cancel_requested'; readonly at: number; readonly orderId: string }
  | { readonly type: 'tick'; readonly symbol: string; readonly time: number; readonly price: number; readonly size: number; readonly fills: number }
  /** Alpaca's replace: `orderId` leaves the book replaced by `order` (accepted, `replaces` set), which goes to work. */
  | { readonly type: 'replaced'; readonly at: number; readonly orderId: string; readonly order: Order; readonly bucket: TokenBucket }
  /**
   * A price of a held symbol with no working orders, logged at most once a minute per symbol so
   * the equity history (equity.ts) moves with the market; other such ticks only move the marks.
   */
  | { readonly type: 'marked'; readonly at: number; readonly symbol: string; readonly price: number }
  /**
   * The day orders of `symbol` whose session ended by `at` expired, with no price after the end to
   * expire them (a tick past the end does it itself, inside matching). `at` is the latest session
   * end among them; applying runs market/matching `expireDue`, as pure as a tick.
   */
  | { readonly type: 'expired'; readonly at: number; readonly symbol: string };

/** What subscribers of `trade.<account>` hear: Alpaca's trade_updates events. */
export type TradeEvent = 'new' | 'fill' | 'partial_fill' | 'canceled' | 'expired' | 'rejected' | 'replaced';

export interface TradeUpdate {
  readonly event: TradeEvent;
  readonly at: number;
  readonly order: Order;
  /** Fills only: this fill's price and quantity, and the position after it (signed). */
  readonly price?: number;
  readonly qty?: number;
  readonly positionQty?: number;
}
