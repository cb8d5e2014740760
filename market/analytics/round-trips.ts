import type { ClosedTrade } from './types.ts';

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

export interface RoundTrips {
  /** Closed round trips, in the order they closed. */
  readonly trades: ClosedTrade[];
  /** Positions still open at the last fill: when each was opened. */
  readonly open: { readonly symbol: string; readonly since: number }[];
}

/** Below this a position is flat: quantities are rounded to 1e-8, so their sums land within a hair of zero. */
const FLAT = 1e-9;

/**
 * A symbol's fills cut into round trips: a trip opens when the position leaves zero and closes
 * when it returns there. Its pnl is the net cash of its fills (what the sells raised less what
 * the buys cost, less every fee): the realised profit after fees, whatever the order of adds and
 * partial exits in between. A fill that goes through zero (a long sold into a short) closes one
 * trip and opens the next with the rest, its fee split by quantity. Fills in the order they
 * happened; several symbols are kept apart.
 */
export function roundTrips(fills: readonly TradeFill[]): RoundTrips {
  const trades: ClosedTrade[] = [];
  const open = new Map<string, { position: number; since: number; cash: number; fees: number }>();
  for (const f of fills) {
    const sign = f.side === 'buy' ? 1 : -1;
    let qty = f.qty;
    let trip = open.get(f.symbol);
    if (trip && Math.sign(trip.position) !== sign) {
      const closing = Math.min(qty, Math.abs(trip.position));
      const fee = (f.fee * closing) / f.qty;
      trip.cash += -sign * closing * f.price - fee;
      trip.fees += fee;
      trip.position += sign * closing;
      qty -= closing;
      if (Math.abs(trip.position) < FLAT) {
        trades.push({ symbol: f.symbol, entryTime: trip.since, exitTime: f.at, pnl: trip.cash, fees: trip.fees });
        open.delete(f.symbol);
        trip = undefined;
      }
    }
    if (qty < FLAT) continue;
    const fee = (f.fee * qty) / f.qty;
    if (!trip) {
      trip = { position: 0, since: f.at, cash: 0, fees: 0 };
      open.set(f.symbol, trip);
    }
    trip.cash += -sign * qty * f.price - fee;
    trip.fees += fee;
    trip.position += sign * qty;
  }
  return { trades, open: [...open.entries()].map(([symbol, t]) => ({ symbol, since: t.since })) };
}
