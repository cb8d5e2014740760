import { round8 } from '../../market/orders/index.ts';
import type { AccountEvent } from './events.ts';
import type { AccountState } from './state.ts';

/** How far sums of 1e-8-rounded amounts may drift from the account's own running totals, per fill. */
const DRIFT_PER_FILL = 1e-8;

/**
 * The account's books checked against its fills, as an auditor would: every fill once (ids are
 * unique, and each logged tick made as many fills as it says), each order filled by exactly its
 * fills and never past its quantity, each position the signed sum of its fills, cash the opening
 * cash less what the fills cost (signed notional) and their fees. Answers what does not hold, in
 * words; an empty list means the books reconcile. `events` (the log) adds the check that the
 * fills are exactly those its ticks made.
 */
export function auditAccount(s: AccountState, events?: readonly AccountEvent[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const f of s.fills) {
    if (ids.has(f.id)) problems.push(`fill ${f.id} appears twice`);
    ids.add(f.id);
  }
  const byOrder = new Map<string, number>();
  const bySymbol = new Map<string, number>();
  let cash = s.openingCash;
  let fees = 0;
  for (const f of s.fills) {
    byOrder.set(f.orderId, (byOrder.get(f.orderId) ?? 0) + f.qty);
    bySymbol.set(f.symbol, (bySymbol.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty));
    cash += (f.side === 'buy' ? -1 : 1) * f.qty * f.price - f.fee;
    fees += f.fee;
  }
  const tolerance = DRIFT_PER_FILL * (s.fills.length + 1);
  for (const o of Object.values(s.orders)) {
    const filled = round8(byOrder.get(o.id) ?? 0);
    if (Math.abs(filled - o.filled_qty) > tolerance) problems.push(`order ${o.id} says filled ${o.filled_qty}, its fills sum to ${filled}`);
    if (o.qty !== null && o.filled_qty > o.qty + tolerance) problems.push(`order ${o.id} filled ${o.filled_qty} of ${o.qty}`);
  }
  for (const id of byOrder.keys()) if (!s.orders[id]) problems.push(`fills of order ${id}, which the account does not know`);
  for (const symbol of new Set([...bySymbol.keys(), ...Object.keys(s.positions)])) {
    const held = s.positions[symbol]?.qty ?? 0;
    const fromFills = round8(bySymbol.get(symbol) ?? 0);
    if (Math.abs(held - fromFills) > tolerance) problems.push(`position ${symbol} is ${held}, its fills sum to ${fromFills}`);
  }
  if (Math.abs(cash - s.cash) > tolerance + Math.abs(s.openingCash) * 1e-12) problems.push(`cash is ${s.cash}, opening cash less the fills' notional and fees is ${round8(cash)}`);
  if (Math.abs(fees - s.feesPaid) > tolerance) problems.push(`fees paid say ${s.feesPaid}, the fills' fees sum to ${round8(fees)}`);
  if (events) {
    const made = events.reduce((n, e) => n + (e.type === 'tick' ? e.fills : 0), 0);
    // Only ticks fill: a submit, cancel, replace or expiry moves orders but fills nothing.
    if (made !== s.fills.length) problems.push(`the log's ticks made ${made} fills, the account holds ${s.fills.length}`);
  }
  return problems;
}
