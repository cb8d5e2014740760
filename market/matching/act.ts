import { floorToStep, round8 } from '../orders/decimal.ts';
import { remainingQty, type Order } from '../orders/order.ts';
import { isOpen, limitReached, modeOf, stopReached, trailTo } from './order-rules.ts';
import { slippageBps, slipped } from './pricing.ts';
import type { Entry, Run } from './run.ts';

/**
 * What a working order does when the price is at `pos` (heading for `ahead`, the end of the
 * current stretch of path). Returns whether anything changed, so the caller can repeat until
 * the book is quiet at this price.
 */
export function actAt(run: Run, e: Entry, pos: number, ahead: number): boolean {
  if (e.order.type === 'trailing_stop' && e.order.triggered_at === null) run.set(e, trailTo(e.order, pos));
  const o = e.order;
  switch (modeOf(o)) {
    case 'trigger':
      if (o.stop_price === null || !stopReached(o.side, o.stop_price, pos)) return false;
      run.trigger(e, pos);
      return true;
    case 'market':
      return take(run, e, pos, null);
    case 'limit':
      return limitAt(run, e, pos, ahead, o.limit_price!);
  }
}

function limitAt(run: Run, e: Entry, pos: number, ahead: number, limit: number): boolean {
  const o = e.order;
  const how = run.config.limitFill;
  if (!e.rested) {
    // Marketable on arrival: it crosses and takes what the market offers, up to its limit.
    if (limitReached(o.side, limit, pos, how)) return take(run, e, pos, limit);
    if (o.time_in_force === 'ioc' || o.time_in_force === 'fok') run.cancel(e, o.time_in_force === 'ioc' ? 'ioc_unfilled' : 'fok_unfilled');
    e.rested = true;
    return true;
  }
  // A resting order is in the book at its price: trading reaches it there, however far beyond
  // the print goes. Gaps do not improve it — conservative, the same for ticks and bars.
  const reached = limitReached(o.side, limit, pos, how) || (how === 'through' && pos === limit && limitReached(o.side, limit, ahead, how));
  const qty = Math.min(openQty(o, limit), run.capacity);
  if (!reached || !(qty > 0)) return false;
  run.fill(e, qty, limit, 'maker');
  return true;
}

/**
 * A taker fill at `pos` moved by slippage, never beyond `limit` when there is one. IOC and FOK
 * orders are decided here, at the first price they see: FOK fills whole or cancels, IOC fills
 * what the participation cap allows and cancels the rest.
 */
function take(run: Run, e: Entry, pos: number, limit: number | null): boolean {
  const o = e.order;
  const first = !e.rested;
  e.rested = true;
  const bps = slippageBps(run.config.slippage, Math.min(openQty(o, pos), run.capacity), run.volume);
  let price = slipped(pos, o.side, bps);
  if (limit !== null) price = o.side === 'buy' ? Math.min(price, limit) : Math.max(price, limit);
  const want = openQty(o, price);
  if (first && o.time_in_force === 'fok' && want > run.capacity) {
    run.cancel(e, 'fok_unfilled');
    return true;
  }
  const qty = Math.min(want, run.capacity);
  if (qty > 0) run.fill(e, qty, price, 'taker');
  if (first && o.time_in_force === 'ioc' && isOpen(e.order)) run.cancel(e, 'ioc_unfilled');
  return first || qty > 0;
}

/** What is left to fill at `price`: exact for a qty order, floored to 1e-8 for a notional one (never overspend). */
function openQty(o: Order, price: number): number {
  return o.qty !== null ? round8(remainingQty(o, price)) : floorToStep(remainingQty(o, price));
}
