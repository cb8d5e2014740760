import type { Order } from '../orders/order.ts';
import type { Side } from '../orders/vocabulary.ts';
import { signed, sizedQty, sizingPrice, split } from './exposure.ts';

/** What buying power costs. */
export interface MarginRules {
  /**
   * Initial margin of a short, as a fraction of its value: a short of value V locks its proceeds
   * plus V × shortMargin. 0.5 is Reg T's 50% (150% of the short's value held in all).
   */
  readonly shortMargin: number;
  /** Estimated fees, in bps of notional, reserved on top of what an order opens. */
  readonly feeBps: number;
  /** How far market and stop orders are sized beyond the last price (exposure.ts). */
  readonly marketBufferBps: number;
}

/**
 * The buying power an order needs given the signed position it trades against. Reducing a
 * position needs none (and frees none until it fills, as at Alpaca); opening a long needs its
 * cost in cash (no margin for longs); opening a short needs its value × shortMargin.
 */
export function requirement(side: Side, qty: number, price: number, position: number, rules: MarginRules): number {
  const { opens } = split(side, qty, position);
  const value = opens * price;
  return value * ((side === 'buy' ? 1 : rules.shortMargin) + rules.feeBps / 10_000);
}

/** The account as if every open order had filled at its sizing price: Alpaca's "open buy long and sell short orders reduce buying power". */
export interface Projection {
  /** Cash not yet spoken for: cash − shorts' value × (1 + shortMargin) − what open orders need. */
  readonly available: number;
  /** Positions after every open order. */
  readonly positions: ReadonlyMap<string, number>;
  /** Positions after the open orders on one side only: what an order on that side adds to. */
  readonly sameSide: { readonly buy: ReadonlyMap<string, number>; readonly sell: ReadonlyMap<string, number> };
}

/**
 * Walks the open orders in submission order against the positions. Exit legs of brackets, OCOs
 * and OTOs (orders with a parent) are left out: they close what their entry opens, and both legs
 * of a pair would otherwise count twice. Returns the symbol lacking a price if one does.
 */
export function project(
  cash: number,
  held: Readonly<Record<string, number>>,
  openOrders: readonly Order[],
  prices: Readonly<Record<string, number>>,
  rules: MarginRules,
): Projection | { readonly missingPrice: string } {
  let available = cash;
  for (const [symbol, qty] of Object.entries(held)) {
    if (qty >= 0) continue;
    const price = prices[symbol];
    if (price === undefined) return { missingPrice: symbol };
    available -= -qty * price * (1 + rules.shortMargin);
  }
  const positions = new Map(Object.entries(held));
  const buy = new Map(positions);
  const sell = new Map(positions);
  for (const o of openOrders) {
    if (o.parent_id !== null) continue;
    const price = sizingPrice(o, prices[o.symbol], rules.marketBufferBps);
    if (price === null) return { missingPrice: o.symbol };
    const qty = sizedQty(o, price);
    const position = positions.get(o.symbol) ?? 0;
    available -= requirement(o.side, qty, price, position, rules);
    positions.set(o.symbol, position + signed(o.side, qty));
    const side = o.side === 'buy' ? buy : sell;
    side.set(o.symbol, (side.get(o.symbol) ?? 0) + signed(o.side, qty));
  }
  return { available, positions, sameSide: { buy, sell } };
}
