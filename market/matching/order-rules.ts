import { round8 } from '../orders/decimal.ts';
import type { Order } from '../orders/order.ts';
import type { Side } from '../orders/vocabulary.ts';

/** How an order works right now: at the market, at a limit, or waiting for its stop. */
export type WorkingMode = 'market' | 'limit' | 'trigger';

export function modeOf(o: Order): WorkingMode {
  switch (o.type) {
    case 'market':
      return 'market';
    case 'limit':
      return 'limit';
    case 'stop':
    case 'trailing_stop':
      return o.triggered_at === null ? 'trigger' : 'market';
    case 'stop_limit':
      return o.triggered_at === null ? 'trigger' : 'limit';
  }
}

/** A buy limit is reached at or below its price, a sell limit at or above ('through': strictly). */
export function limitReached(side: Side, limit: number, price: number, how: 'touch' | 'through'): boolean {
  if (how === 'touch') return side === 'buy' ? price <= limit : price >= limit;
  return side === 'buy' ? price < limit : price > limit;
}

/** A buy stop fires at or above its price, a sell stop at or below: stops fire on the last trade, as Alpaca's do. */
export const stopReached = (side: Side, stop: number, price: number): boolean => (side === 'buy' ? price >= stop : price <= stop);

/**
 * A trailing stop after the market printed `price`: a sell's hwm is the highest price seen and
 * its stop trails below it; a buy's hwm is the lowest and its stop trails above. The first price
 * seeds hwm. Returns the same object when nothing moved.
 */
export function trailTo(o: Order, price: number): Order {
  const sell = o.side === 'sell';
  const hwm = o.hwm === null ? price : sell ? Math.max(o.hwm, price) : Math.min(o.hwm, price);
  if (hwm === o.hwm) return o;
  const offset = o.trail_price ?? (hwm * (o.trail_percent ?? 0)) / 100;
  return { ...o, hwm, stop_price: round8(sell ? hwm - offset : hwm + offset) };
}

/** Statuses in which an order can act on prices. `held` legs wait for their entry. */
export const isWorking = (o: Order): boolean => o.status === 'new' || o.status === 'partially_filled';
export const isOpen = (o: Order): boolean => isWorking(o) || o.status === 'held';
