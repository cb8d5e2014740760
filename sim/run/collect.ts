import { apply } from '../../actors/account/apply.ts';
import { auditAccount, type AccountEvent } from '../../actors/account/index.ts';
import { unopened, type AccountState } from '../../actors/account/state.ts';
import { AccountLog } from '../../storage/sqlite/account-log.ts';
import type { ReportFill } from '../report/types.ts';

export interface AccountOutcome {
  readonly fills: ReportFill[];
  readonly cash: number;
  readonly positions: { symbol: string; qty: number; avgEntryPrice: number }[];
  readonly orders: number;
  /** Orders the account refused (a risk check), with its reason. */
  readonly rejected: { time: number; symbol: string; clientOrderId: string; code: string; message: string }[];
}

/**
 * What an account did, read from its event log after the run: the log is the one record of
 * money, so the report is built from it (every event folded with the account's own `apply`),
 * not from what was heard along the way. The fold is audited (every fill once, cash and positions the sum of
 * the fills); a log that does not reconcile stops the report.
 */
export function readAccount(db: string, accountId: string): AccountOutcome {
  const log = AccountLog.open(db, accountId);
  let state: AccountState;
  const rejected: AccountOutcome['rejected'] = [];
  try {
    // The whole log from its first event, not from a snapshot: the rejections are in the events.
    state = unopened(accountId);
    for (const { seq, event: e } of log.readSince<AccountEvent>(0)) {
      if (e.type === 'rejected') rejected.push({ time: e.at, symbol: e.order.symbol, clientOrderId: e.order.client_order_id, code: e.code, message: e.message });
      apply(state, e, undefined, seq);
    }
  } finally {
    log.close();
  }
  const problems = auditAccount(state);
  if (problems.length > 0) throw new Error(`account ${accountId} does not reconcile: ${problems.join('; ')}`);
  const fills = state.fills.map((f) => ({
    time: f.at,
    symbol: f.symbol,
    side: f.side,
    qty: f.qty,
    price: f.price,
    fee: f.fee,
    orderId: f.orderId,
    clientOrderId: state.orders[f.orderId]?.client_order_id ?? '',
  }));
  const orders = Object.values(state.orders);
  return {
    fills,
    cash: state.cash,
    positions: Object.values(state.positions)
      .sort((a, b) => (a.symbol < b.symbol ? -1 : 1))
      .map((p) => ({ symbol: p.symbol, qty: p.qty, avgEntryPrice: p.avgEntryPrice })),
    orders: orders.length,
    rejected,
  };
}
