import { floorToStep, round8 } from './decimal.ts';
import { transition } from './lifecycle.ts';
import { remainingQty, type Order } from './order.ts';

/**
 * `order` after a fill of `qty` at `price`: filled_qty and filled_avg_price updated (both rounded
 * to 1e-8, see decimal.ts) and the status moved to partially_filled or filled. A notional order
 * is filled when what is left of its money buys less than 1e-8 at this price. Overfilling is a
 * bug and throws.
 */
export function applyFill(order: Order, qty: number, price: number, at: number): Order {
  if (!(qty > 0) || !(price > 0) || !Number.isFinite(qty) || !Number.isFinite(price)) {
    throw new RangeError(`Invalid fill for order ${order.id}: qty ${qty} at ${price}`);
  }
  const before = remainingQty(order, price);
  if (qty > before + 1e-9) throw new RangeError(`Invalid fill for order ${order.id}: qty ${qty} exceeds the remaining ${before}`);
  const filledQty = round8(order.filled_qty + qty);
  const avg = round8((order.filled_qty * (order.filled_avg_price ?? 0) + qty * price) / filledQty);
  const next: Order = { ...order, filled_qty: filledQty, filled_avg_price: avg };
  const done = floorToStep(remainingQty(next, price)) === 0;
  return transition(next, done ? 'filled' : 'partially_filled', at);
}
