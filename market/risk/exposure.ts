import type { Order } from '../orders/order.ts';
import { remainingQty } from '../orders/order.ts';
import type { Side } from '../orders/vocabulary.ts';

/**
 * The price an order is sized at before it trades: its limit if it has one (a buy pays no more);
 * otherwise the stop or the last price moved against the account by `bufferBps`, since a market
 * order fills wherever the market is when it arrives (Alpaca sizes market buys 2.5-4% above the
 * market for the same reason). Null when no price is known.
 */
export function sizingPrice(order: Order, last: number | undefined, bufferBps: number): number | null {
  if (order.type === 'limit' || order.type === 'stop_limit') return order.limit_price;
  const base = order.type === 'stop' ? order.stop_price : last;
  return base === undefined || base === null ? null : base * (1 + bufferBps / 10_000);
}

/** The quantity an order still stands for at `price` (a notional order's money / price). */
export const sizedQty = (order: Order, price: number): number => remainingQty(order, price);

/** How a trade of `qty` splits against a signed position: the part that reduces it and the part that opens or adds. */
export function split(side: Side, qty: number, position: number): { reduces: number; opens: number } {
  const against = side === 'buy' ? Math.max(0, -position) : Math.max(0, position);
  const reduces = Math.min(qty, against);
  return { reduces, opens: qty - reduces };
}

export const signed = (side: Side, qty: number): number => (side === 'buy' ? qty : -qty);
