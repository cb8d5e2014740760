import { decimalString } from '../../market/orders/index.ts';
import type { Signal } from '../../strategies/signal.ts';

/** A signal as Alpaca's POST /v2/orders body, which the account's submit ask takes. */
export function orderBody(s: Signal): Record<string, unknown> {
  return {
    symbol: s.symbol,
    side: s.side,
    type: s.orderType,
    qty: decimalString(s.qty),
    time_in_force: s.timeInForce,
    client_order_id: s.clientOrderId,
    ...(s.limitPrice !== null ? { limit_price: decimalString(s.limitPrice) } : {}),
    ...(s.stopPrice !== null ? { stop_price: decimalString(s.stopPrice) } : {}),
  };
}
