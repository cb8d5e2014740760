import { round8 } from '../../market/orders/index.ts';
import type { ReportFill, RoundTrip } from './types.ts';

interface Open {
  direction: 1 | -1;
  qty: number;
  entryTime: number;
  /** Everything bought into the trip (long) or sold into it (short): quantity and notional. */
  inQty: number;
  inNotional: number;
  outQty: number;
  outNotional: number;
  fees: number;
}

/**
 * The round trips of a list of fills, per symbol in fill order: a trip opens when a position
 * leaves zero and closes when it returns there. Adding to a position belongs to its trip; a fill
 * that goes through zero closes the trip with the part that reaches zero and opens the next with
 * the rest, its fee split in proportion. A trip still open at the end is valued at `lastClose`.
 */
export function roundTrips(fills: readonly ReportFill[], lastClose: (symbol: string) => number): RoundTrip[] {
  const open = new Map<string, Open>();
  const trips: RoundTrip[] = [];
  for (const f of fills) {
    let qty = f.qty;
    const sign = f.side === 'buy' ? 1 : -1;
    while (qty > 0) {
      const t = open.get(f.symbol);
      if (!t) {
        open.set(f.symbol, { direction: sign, qty, entryTime: f.time, inQty: qty, inNotional: qty * f.price, outQty: 0, outNotional: 0, fees: f.fee * (qty / f.qty) });
        break;
      }
      if (t.direction === sign) {
        t.qty = round8(t.qty + qty);
        t.inQty += qty;
        t.inNotional += qty * f.price;
        t.fees += f.fee * (qty / f.qty);
        break;
      }
      const closing = Math.min(qty, t.qty);
      t.qty = round8(t.qty - closing);
      t.outQty += closing;
      t.outNotional += closing * f.price;
      t.fees += f.fee * (closing / f.qty);
      qty = round8(qty - closing);
      if (t.qty === 0) {
        trips.push(finish(f.symbol, t, f.time, t.outNotional / t.outQty, false));
        open.delete(f.symbol);
      }
    }
  }
  for (const [symbol, t] of open) {
    const close = lastClose(symbol);
    trips.push(finish(symbol, { ...t, outQty: t.outQty + t.qty, outNotional: t.outNotional + t.qty * close }, null, close, true));
  }
  // In the order they were opened (a trip in one symbol may close after a later one in another opened).
  return trips.sort((a, b) => a.entryTime - b.entryTime || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

function finish(symbol: string, t: Open, exitTime: number | null, exitPrice: number, isOpen: boolean): RoundTrip {
  const gross = t.direction * (t.outNotional - t.inNotional);
  const fees = round8(t.fees);
  const pnl = round8(gross - fees);
  return {
    symbol,
    direction: t.direction === 1 ? 'long' : 'short',
    qty: round8(t.inQty),
    entryTime: t.entryTime,
    entryPrice: round8(t.inNotional / t.inQty),
    exitTime,
    exitPrice: round8(exitPrice),
    pnl,
    fees,
    returnPct: (pnl / t.inNotional) * 100,
    open: isOpen,
  };
}
