import type { Order } from '../orders/order.ts';

// The order classes that tie orders together, as rules over plain records:
// - oco: the order (a take-profit limit) and its stop leg; a fill on either cancels the other.
// - bracket: an entry and two exits (take-profit, stop-loss) held until the entry fills; the
//   exits are an OCO pair.
// - oto: an entry and one exit held until the entry fills.
// A fill, partial or whole, cancels the other side: the first exit to trade has decided how the
// position ends (Nautilus's OCO does the same; reducing the other side instead is its "OUO",
// which Alpaca does not offer).

/** The orders a fill on `o` cancels: the rest of its OCO group, or the other exit of its bracket. */
export function ocoSiblings(o: Order, open: readonly Order[]): Order[] {
  if (o.order_class === 'oco') {
    const group = o.parent_id ?? o.id;
    return open.filter((x) => x.id !== o.id && (x.id === group || x.parent_id === group));
  }
  if (o.order_class === 'bracket' && o.parent_id !== null) return open.filter((x) => x.id !== o.id && x.parent_id === o.parent_id);
  return [];
}

/** The legs that wait for `o` to fill: a bracket's or OTO's exits still `held`. */
export function heldLegs(o: Order, open: readonly Order[]): Order[] {
  if (o.leg_ids === null || o.order_class === 'oco') return [];
  return open.filter((x) => x.parent_id === o.id && x.status === 'held');
}
