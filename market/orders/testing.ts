// Builds orders from request bodies for the tests of orders/, matching/ and risk/: parse, then
// create, failing loudly if the body is refused, so a test reads as the request a client sends.
import { createOrders, type CreatedOrders } from './create.ts';
import { parseOrderRequest } from './request-schema.ts';

export interface TestOrderOptions {
  readonly at?: number;
  readonly sessionEnd?: number | null;
}

/** The orders `body` makes; ids are `id`, then `id-tp` / `id-sl` for its legs. */
export function ordersFrom(id: string, body: Record<string, unknown>, options: TestOrderOptions = {}): CreatedOrders {
  const parsed = parseOrderRequest({ symbol: 'AAPL', time_in_force: 'gtc', ...body });
  if (!parsed.ok) throw new Error(`test order ${id} refused: ${parsed.message}`);
  const r = parsed.request;
  const legIds =
    r.order_class === 'bracket' ? [`${id}-tp`, `${id}-sl`] : r.order_class === 'oco' ? [`${id}-sl`] : r.order_class === 'oto' ? [r.take_profit ? `${id}-tp` : `${id}-sl`] : [];
  return createOrders(r, { id, asset_id: `asset-${r.symbol}`, asset_class: 'us_equity', legIds, sessionEnd: options.sessionEnd ?? null }, options.at ?? 0);
}
