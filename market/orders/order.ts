import type { AssetClass, OrderClass, OrderType, Side, TimeInForce } from './vocabulary.ts';
import type { OrderStatus } from './lifecycle.ts';

/**
 * An order as Alpaca names its fields (snake_case, the same names from the HTTP body through the
 * account's event log to `toAlpacaJson`), with numbers as numbers and times as epoch ms.
 * Plain, immutable data: every change is a new record, made by `transition` or `applyFill`.
 *
 * Four fields are Tickflow's own and not serialised: `parent_id` and `leg_ids` link a bracket,
 * OCO or OTO group without nesting records (Alpaca nests `legs` only in its JSON),
 * `expires_at` is when a day order expires (the session end the account passed in), and
 * `triggered_at` is when a stop, stop_limit or trailing_stop fired.
 */
export interface Order {
  readonly id: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly asset_id: string;
  readonly asset_class: AssetClass;
  readonly side: Side;
  readonly type: OrderType;
  readonly time_in_force: TimeInForce;
  readonly order_class: OrderClass;
  /** Null for a notional order, which states an amount of money instead. */
  readonly qty: number | null;
  readonly notional: number | null;
  readonly filled_qty: number;
  readonly filled_avg_price: number | null;
  readonly limit_price: number | null;
  /** For a trailing stop, the current stop (moved with `hwm`), as Alpaca reports it. */
  readonly stop_price: number | null;
  readonly trail_price: number | null;
  readonly trail_percent: number | null;
  /** Trailing stops: the highest price seen since submission for a sell, the lowest for a buy. */
  readonly hwm: number | null;
  readonly extended_hours: boolean;
  readonly status: OrderStatus;
  readonly created_at: number;
  readonly updated_at: number;
  readonly submitted_at: number | null;
  readonly filled_at: number | null;
  readonly expired_at: number | null;
  readonly canceled_at: number | null;
  readonly failed_at: number | null;
  readonly replaced_at: number | null;
  readonly replaced_by: string | null;
  readonly replaces: string | null;
  readonly parent_id: string | null;
  readonly leg_ids: readonly string[] | null;
  readonly expires_at: number | null;
  readonly triggered_at: number | null;
}

/** The quantity still to fill; for a notional order, what the rest of its money buys at `price`. */
export function remainingQty(order: Order, price: number): number {
  if (order.qty !== null) return Math.max(0, order.qty - order.filled_qty);
  if (order.notional === null) throw new Error(`Invalid order ${order.id}: neither qty nor notional`);
  return Math.max(0, remainingNotional(order)) / price;
}

export function remainingNotional(order: Order): number {
  return (order.notional ?? 0) - order.filled_qty * (order.filled_avg_price ?? 0);
}
