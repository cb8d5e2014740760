import { round8 } from '../../market/orders/index.ts';
import type { AccountState, FillRecord } from './state.ts';

/**
 * Books one fill into cash, the position and realised P&L. A buy pays its notional and fee; a
 * sell (closing a long or opening a short) receives its notional less the fee — a short's
 * proceeds sit in cash, and equity counts the short at market against them. Adding to a
 * position averages the entry price; reducing it realises (price − entry) on the closed
 * quantity; going through zero opens the rest at the fill price.
 */
export function settleFill(s: AccountState, f: FillRecord): number {
  const signedQty = f.side === 'buy' ? f.qty : -f.qty;
  const notional = f.qty * f.price;
  s.cash = round8(s.cash + (f.side === 'buy' ? -notional : notional) - f.fee);
  s.feesPaid = round8(s.feesPaid + f.fee);
  s.fills.push(f);

  const before = s.positions[f.symbol];
  const qty = before?.qty ?? 0;
  const avg = before?.avgEntryPrice ?? 0;
  const after = round8(qty + signedQty);
  let nextAvg: number;
  if (qty === 0 || Math.sign(qty) === Math.sign(signedQty)) {
    nextAvg = round8((Math.abs(qty) * avg + notional) / Math.abs(after));
  } else {
    const closed = Math.min(f.qty, Math.abs(qty));
    s.realizedPnl = round8(s.realizedPnl + closed * (f.price - avg) * Math.sign(qty));
    nextAvg = after === 0 ? 0 : Math.sign(after) === Math.sign(qty) ? avg : f.price;
  }
  if (after === 0) delete s.positions[f.symbol];
  else s.positions[f.symbol] = { symbol: f.symbol, qty: after, avgEntryPrice: nextAvg, costBasis: round8(Math.abs(after) * nextAvg) };
  return after;
}
