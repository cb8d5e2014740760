import { decimalString } from './decimal.ts';
import type { OrderStatus } from './lifecycle.ts';
import type { Order } from './order.ts';
import type { AssetClass, OrderType, Side, TimeInForce } from './vocabulary.ts';

/** An order exactly as Alpaca's v2 API writes it: decimals as strings, absent values as null. */
export interface AlpacaOrderJson {
  id: string;
  client_order_id: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  filled_at: string | null;
  expired_at: string | null;
  canceled_at: string | null;
  failed_at: string | null;
  replaced_at: string | null;
  replaced_by: string | null;
  replaces: string | null;
  asset_id: string;
  symbol: string;
  asset_class: AssetClass;
  notional: string | null;
  qty: string | null;
  filled_qty: string;
  filled_avg_price: string | null;
  order_class: '' | 'bracket' | 'oco' | 'oto';
  order_type: OrderType;
  type: OrderType;
  side: Side;
  time_in_force: TimeInForce;
  limit_price: string | null;
  stop_price: string | null;
  status: OrderStatus;
  extended_hours: boolean;
  legs: AlpacaOrderJson[] | null;
  trail_percent: string | null;
  trail_price: string | null;
  hwm: string | null;
}

const time = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const dec = (x: number | null): string | null => (x === null ? null : decimalString(x));

/**
 * The order as Alpaca's JSON, keys in Alpaca's order. Alpaca writes a simple order's class as ""
 * (its own example and its API do), so Tickflow does too. Pass the leg orders to nest them
 * (Alpaca's `nested=true`); without them `legs` is null, as in Alpaca's flat listing.
 */
export function toAlpacaJson(order: Order, legs: readonly Order[] | null = null): AlpacaOrderJson {
  if (legs !== null && (legs.length !== (order.leg_ids?.length ?? 0) || legs.some((leg, i) => leg.id !== order.leg_ids?.[i]))) {
    throw new Error(`Invalid legs for order ${order.id}: expected [${order.leg_ids?.join(', ') ?? ''}], got [${legs.map((l) => l.id).join(', ')}]`);
  }
  return {
    id: order.id,
    client_order_id: order.client_order_id,
    created_at: time(order.created_at)!,
    updated_at: time(order.updated_at)!,
    submitted_at: time(order.submitted_at),
    filled_at: time(order.filled_at),
    expired_at: time(order.expired_at),
    canceled_at: time(order.canceled_at),
    failed_at: time(order.failed_at),
    replaced_at: time(order.replaced_at),
    replaced_by: order.replaced_by,
    replaces: order.replaces,
    asset_id: order.asset_id,
    symbol: order.symbol,
    asset_class: order.asset_class,
    notional: dec(order.notional),
    qty: dec(order.qty),
    filled_qty: decimalString(order.filled_qty),
    filled_avg_price: dec(order.filled_avg_price),
    order_class: order.order_class === 'simple' ? '' : order.order_class,
    order_type: order.type,
    type: order.type,
    side: order.side,
    time_in_force: order.time_in_force,
    limit_price: dec(order.limit_price),
    stop_price: dec(order.stop_price),
    status: order.status,
    extended_hours: order.extended_hours,
    legs: legs === null || legs.length === 0 ? null : legs.map((leg) => toAlpacaJson(leg)),
    trail_percent: dec(order.trail_percent),
    trail_price: dec(order.trail_price),
    hwm: dec(order.hwm),
  };
}
