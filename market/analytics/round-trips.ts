import { round8 } from '../orders/decimal.ts';

/** A fill as round trips need it. */
export interface TradeFill {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  /** Epoch ms. */
  readonly at: number;
}

/** A position from flat to flat (or still open, valued at a last price). */
export interface RoundTrip {
  readonly symbol: string;
  readonly direction: 'long' | 'short';
  /** Everything that went into the position. */
  readonly qty: number;
  readonly entryTime: number;
  /** The average price in. */
  readonly entryPrice: number;
  /** null while open. */
  readonly exitTime: number | null;
  /** The average price out; for an open trip, the price it is valued at. */
  readonly exitPrice: number;
  /** After every fee, in and out. */
  readonly pnl: number;
  readonly fees: number;
  /** pnl over the notional in, in percent. */
  readonly returnPct: number;
  readonly open: boolean;
}

/** A trip that has come back to flat: what `accountReport` counts as a trade. */
export type ClosedRoundTrip = RoundTrip & { readonly exitTime: number; readonly open: false };

/** A position not back to flat yet, while fills are cut. */
interface OpenTrip {
  readonly symbol: string;
  readonly direction: 1 | -1;
  /** What is still held (unsigned). */
  qty: number;
  readonly since: number;
  inQty: number;
  inNotional: number;
  outQty: number;
  outNotional: number;
  fees: number;
}

export interface RoundTrips {
  /** Closed round trips, in the order they closed. */
  readonly trades: ClosedRoundTrip[];
  /** Positions still open at the last fill, in the order they opened: when each was opened. */
  readonly open: { readonly symbol: string; readonly since: number }[];
  /** With `valueAt`: those open positions as trips closed at its price (what they are worth now). */
  readonly valued: RoundTrip[];
}

/**
 * A symbol's fills cut into round trips: a trip opens when the position leaves zero and closes
 * when it returns there. Adding to a position belongs to its trip; a fill that goes through zero
 * closes the trip with the part that reaches zero and opens the next with the rest, its fee split
 * by quantity. Its pnl is the notional out less the notional in (signed by direction) less every
 * fee. Fills in the order they happened; several symbols are kept apart.
 */
export function roundTrips(fills: readonly TradeFill[], valueAt?: (symbol: string) => number): RoundTrips {
  const open = new Map<string, OpenTrip>();
  const trades: ClosedRoundTrip[] = [];
  for (const f of fills) {
    let qty = f.qty;
    const sign = f.side === 'buy' ? 1 : -1;
    while (qty > 0) {
      const t = open.get(f.symbol);
      if (!t) {
        open.set(f.symbol, { symbol: f.symbol, direction: sign, qty, since: f.at, inQty: qty, inNotional: qty * f.price, outQty: 0, outNotional: 0, fees: f.fee * (qty / f.qty) });
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
        trades.push(finish(t, f.at, t.outNotional / t.outQty, false) as ClosedRoundTrip);
        open.delete(f.symbol);
      }
    }
  }
  const still = [...open.values()];
  const valued = valueAt ? still.map((t) => valueOpen(t, valueAt(t.symbol))) : [];
  return { trades, open: still.map((t) => ({ symbol: t.symbol, since: t.since })), valued };
}

function valueOpen(t: OpenTrip, price: number): RoundTrip {
  return finish({ ...t, outQty: t.outQty + t.qty, outNotional: t.outNotional + t.qty * price }, null, price, true);
}

function finish(t: OpenTrip, exitTime: number | null, exitPrice: number, isOpen: boolean): RoundTrip {
  const gross = t.direction * (t.outNotional - t.inNotional);
  const fees = round8(t.fees);
  const pnl = round8(gross - fees);
  return {
    symbol: t.symbol,
    direction: t.direction === 1 ? 'long' : 'short',
    qty: round8(t.inQty),
    entryTime: t.since,
    entryPrice: round8(t.inNotional / t.inQty),
    exitTime,
    exitPrice: round8(exitPrice),
    pnl,
    fees,
    returnPct: (pnl / t.inNotional) * 100,
    open: isOpen,
  };
}
