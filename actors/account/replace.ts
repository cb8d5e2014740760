import { z } from 'zod';
import { createOrders, parseOrderRequest, round8, type Order } from '../../market/orders/index.ts';
import { positiveDecimal } from '../../market/orders/numeric-field.ts';
import { preTradeCheck } from '../../market/risk/index.ts';
import type { Decision, Marks } from './decide.ts';
import { openOrders, orderId, signedPositions, type AccountState } from './state.ts';

/**
 * The body of Alpaca's `PATCH /v2/orders/{id}`: what changes; everything else is the old order's.
 * `trail` is the new trail_price or trail_percent, whichever the order trails by.
 */
export const replacePatchSchema = z
  .object(
    {
      qty: positiveDecimal('qty'),
      time_in_force: z.enum(['day', 'gtc', 'ioc', 'fok'], { error: (i) => `time_in_force must be one of day, gtc, ioc, fok, got ${JSON.stringify(i.input)}` }).optional(),
      limit_price: positiveDecimal('limit_price'),
      stop_price: positiveDecimal('stop_price'),
      trail: positiveDecimal('trail'),
      client_order_id: z
        .string({ error: 'client_order_id must be a string' })
        .min(1, 'client_order_id must not be empty')
        .max(128, 'client_order_id must be at most 128 characters')
        .optional(),
    },
    { error: 'a replace must be a JSON object' },
  )
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'a replace needs at least one of qty, time_in_force, limit_price, stop_price, trail, client_order_id');
export type ReplacePatch = z.output<typeof replacePatchSchema>;

/**
 * Alpaca's replace: a new order takes the place of a working one. The old order becomes
 * `replaced` (what it filled stays with it) and the new one — by default the old one's unfilled
 * quantity, with the patch applied — is checked by the same pre-trade rules as a submission,
 * with the old order's reservation released. A refusal of any kind changes nothing: the old
 * order keeps working, as at Alpaca. Orders of a bracket, OCO or OTO group, and notional
 * orders, are not replaceable here.
 */
export function decideReplace(s: AccountState, marks: Marks, id: string, body: unknown, at: number): Decision {
  const parsed = replacePatchSchema.safeParse(body);
  if (!parsed.success) return { ok: false, code: 'invalid_request', message: parsed.error.issues.map((i) => i.message).join('; ') };
  const patch = parsed.data;
  const old = s.orders[id];
  if (!old) return { ok: false, code: 'not_found', message: `order ${id} not found` };
  const working = s.books[old.symbol]?.working.some((w) => w.order.id === id) ?? false;
  if (!working || old.status === 'held') return { ok: false, code: 'not_replaceable', message: `order ${id} is ${old.status} and cannot be replaced` };
  if (old.parent_id !== null || old.leg_ids !== null) return { ok: false, code: 'not_replaceable', message: `order ${id} is part of a ${old.order_class} order; replacing orders of a group is not supported` };
  if (old.qty === null) return { ok: false, code: 'not_replaceable', message: `order ${id} is a notional order; only orders with a qty can be replaced` };
  if (patch.client_order_id !== undefined && s.clientIds[patch.client_order_id] !== undefined) {
    return { ok: false, code: 'invalid_request', message: `client_order_id ${patch.client_order_id} is already in use` };
  }

  if (patch.trail !== undefined && old.type !== 'trailing_stop') return { ok: false, code: 'invalid_request', message: `trail is only for trailing_stop orders, not ${old.type}` };

  const request = parseOrderRequest(requestBody(old, patch));
  if (!request.ok) return { ok: false, code: 'invalid_request', message: request.message };
  const newId = orderId(s.id, s.nextOrder);
  const created = createOrders(request.request, { id: newId, asset_id: old.asset_id, asset_class: old.asset_class, sessionEnd: null }, at);
  const order: Order = { ...created.order, replaces: id };
  const risk = preTradeCheck({
    order,
    account: { cash: s.cash, positions: signedPositions(s), shortingEnabled: s.config.allowShort, tradingState: 'active' },
    openOrders: openOrders(s).filter((o) => o.id !== id),
    prices: marks,
    limits: s.config.limits,
    rate: { config: s.config.rate, bucket: s.bucket },
    at,
  });
  if (!risk.ok) return { ok: false, code: risk.code, message: risk.message };
  return { ok: true, orderId: newId, events: [{ type: 'replaced', at, orderId: id, order, bucket: risk.bucket }] };
}

/** The old order as a request, with the patch over it; the request schema then checks the whole. */
function requestBody(old: Order, patch: ReplacePatch): Record<string, unknown> {
  const trailing = old.type === 'trailing_stop';
  const byPercent = old.trail_percent !== null;
  return {
    symbol: old.symbol,
    side: old.side,
    type: old.type,
    time_in_force: patch.time_in_force ?? old.time_in_force,
    qty: patch.qty ?? round8(old.qty! - old.filled_qty),
    limit_price: patch.limit_price ?? old.limit_price,
    // A trailing stop's stop_price is where it trails to now, not something the client set.
    stop_price: patch.stop_price ?? (trailing ? null : old.stop_price),
    trail_price: trailing && !byPercent ? (patch.trail ?? old.trail_price) : null,
    trail_percent: trailing && byPercent ? (patch.trail ?? old.trail_percent) : null,
    extended_hours: old.extended_hours,
    client_order_id: patch.client_order_id ?? null,
  };
}
