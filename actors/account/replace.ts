import { z } from 'zod';
import { createOrders, parseOrderRequest, round8, type Order } from '../../market/orders/index.ts';
import { positiveDecimal } from '../../market/orders/numeric-field.ts';
import { requestIssues } from '../../market/orders/request-rules.ts';
import { preTradeCheck, takeToken } from '../../market/risk/index.ts';
import { dayOrderExpiry } from '../../market/sessions/index.ts';
import type { Decision, Marks, Refusal } from './decide.ts';
import { openOrders, orderId, signedPositions, type AccountState } from './state.ts';

const TIME_IN_FORCE = ['day', 'gtc', 'ioc', 'fok'] as const;

/**
 * The body of Alpaca's `PATCH /v2/orders/{id}`: what changes; everything else is the old order's.
 * `trail` is the new trail_price or trail_percent, whichever the order trails by.
 */
export const replacePatchSchema = z
  .object(
    {
      qty: positiveDecimal('qty'),
      time_in_force: z
        .unknown()
        .transform((v, ctx) => {
          if (v === undefined || v === null) return undefined;
          if (TIME_IN_FORCE.includes(v as never)) return v as (typeof TIME_IN_FORCE)[number];
          // opg and cls are Alpaca's words too: say why they are refused, as a submission does.
          const message = v === 'opg' || v === 'cls' ? `time_in_force ${v} is not supported: Tickflow runs no opening or closing auction; use day, gtc, ioc or fok` : `time_in_force must be one of day, gtc, ioc, fok, got ${JSON.stringify(v)}`;
          ctx.addIssue({ code: 'custom', message, input: v });
          return z.NEVER;
        })
        .optional(),
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

const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });

/**
 * Alpaca's replace: a new order takes the place of an open one. The old order becomes `replaced`
 * (what it filled stays with it) and the new one — by default the old one's unfilled quantity,
 * with the patch applied — is checked by the same pre-trade rules as a submission, with the old
 * order's reservation released. A refusal of any kind changes nothing: the old order keeps
 * working, as at Alpaca.
 *
 * Orders of a bracket, OCO or OTO group are replaced one at a time, as at Alpaca (a client moves a
 * take-profit's limit, then a stop-loss's stop, with two requests), in their place in the group
 * (market/matching `replace`). What may change there is the order's own prices and client id:
 * a group's quantity is its entry's (the exits close what the entry fills) and its time in force
 * is shared, so `qty` and `time_in_force` are refused; so is an entry that has begun to fill
 * (its exits already stand for that quantity). The group's price rules (a take-profit beyond its
 * stop-loss, both beyond a limit entry) are checked again on the group as it would be. An exit
 * leg needs no buying power (it closes what its entry opens): it takes only a rate token. Held
 * legs are replaceable (Alpaca's stop-loss leg waits held); notional orders are not (Alpaca: cancel
 * it and submit a new one).
 */
export function decideReplace(s: AccountState, marks: Marks, id: string, body: unknown, at: number): Decision {
  const parsed = replacePatchSchema.safeParse(body);
  if (!parsed.success) return refuse('invalid_request', parsed.error.issues.map((i) => i.message).join('; '));
  const patch = parsed.data;
  const old = s.orders[id];
  if (!old) return refuse('not_found', `order ${id} not found`);
  const open = s.books[old.symbol]?.working.some((w) => w.order.id === id) ?? false;
  if (!open) return refuse('not_replaceable', `order ${id} is ${old.status} and cannot be replaced`);
  if (old.qty === null) return refuse('not_replaceable', `order ${id} is a notional order; notional orders cannot be replaced: cancel it and submit a new one`);
  if (patch.client_order_id !== undefined && s.clientIds[patch.client_order_id] !== undefined) return refuse('invalid_request', `client_order_id ${patch.client_order_id} is already in use`);
  if (patch.trail !== undefined && old.type !== 'trailing_stop') return refuse('invalid_request', `trail is only for trailing_stop orders, not ${old.type}`);

  const grouped = old.parent_id !== null || old.leg_ids !== null;
  if (grouped) {
    if (patch.qty !== undefined) return refuse('invalid_request', `qty cannot change on order ${id}: it belongs to a ${old.order_class} order, whose exits close what its entry fills; cancel it and submit a new one`);
    if (patch.time_in_force !== undefined && patch.time_in_force !== old.time_in_force) return refuse('invalid_request', `time_in_force cannot change on order ${id}: the orders of a ${old.order_class} order share one`);
    if (old.leg_ids !== null && old.order_class !== 'oco' && old.filled_qty > 0) return refuse('not_replaceable', `order ${id} is the entry of a ${old.order_class} order and has begun to fill; its exits stand for what it filled`);
  }

  const request = parseOrderRequest(requestBody(old, patch));
  if (!request.ok) return refuse('invalid_request', request.message);
  const newId = orderId(s.id, s.nextOrder);
  const tif = request.request.time_in_force;
  // A day order keeps its session when replaced: a replacement does not buy another day.
  const sessionEnd = tif !== 'day' ? null : old.time_in_force === 'day' && old.expires_at !== null ? old.expires_at : dayOrderExpiry(old.asset_class, at);
  const created = createOrders(request.request, { id: newId, asset_id: old.asset_id, asset_class: old.asset_class, sessionEnd }, at);
  const order: Order = { ...created.order, replaces: id, order_class: old.order_class, parent_id: old.parent_id, leg_ids: old.leg_ids };
  if (grouped) {
    const wrong = groupIssues(s, old, order);
    if (wrong !== null) return refuse('invalid_request', wrong);
  }

  if (order.parent_id !== null) {
    const taken = takeToken(s.bucket, s.config.rate, at);
    if (!taken.ok) return refuse('rate_limited', `submit rate exceeded: ${s.config.rate.refillPerSecond} orders per second, bursts of ${s.config.rate.capacity}; retry in ${taken.retryAfterMs} ms`);
    return { ok: true, orderId: newId, events: [{ type: 'replaced', at, orderId: id, order, bucket: taken.bucket }] };
  }
  const risk = preTradeCheck({
    order,
    account: { cash: s.cash, positions: signedPositions(s), shortingEnabled: s.config.allowShort, tradingState: 'active' },
    openOrders: openOrders(s).filter((o) => o.id !== id),
    prices: marks,
    limits: s.config.limits,
    rate: { config: s.config.rate, bucket: s.bucket },
    at,
  });
  if (!risk.ok) return refuse(risk.code, risk.message);
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

/**
 * The group `old` belongs to, with `next` in its place, checked by the request rules of its class
 * (market/orders): a take-profit beyond the stop-loss, both beyond a limit entry still open. Null
 * when it holds; else the rules' words.
 */
function groupIssues(s: AccountState, old: Order, next: Order): string | null {
  const parentId = old.parent_id ?? old.id;
  const swap = (o: Order) => (o.id === old.id ? next : o);
  const parent = swap(s.orders[parentId]!);
  const legs = (parent.leg_ids ?? []).map((legId) => swap(s.orders[legId]!));
  const tp = parent.order_class === 'oco' ? parent : legs.find((l) => l.type === 'limit');
  const sl = legs.find((l) => l.type === 'stop' || l.type === 'stop_limit');
  // An entry that has filled is history: only its exits' relation to each other still matters.
  const entryOpen = parent.order_class !== 'oco' && parent.filled_qty === 0 && parent.type === 'limit';
  const issues = requestIssues({
    symbol: parent.symbol,
    qty: parent.qty,
    notional: null,
    side: parent.side,
    type: parent.order_class === 'oco' || entryOpen ? 'limit' : 'market',
    time_in_force: parent.time_in_force,
    limit_price: parent.order_class === 'oco' || entryOpen ? parent.limit_price : null,
    stop_price: null,
    trail_price: null,
    trail_percent: null,
    extended_hours: false,
    client_order_id: null,
    order_class: parent.order_class,
    take_profit: tp ? { limit_price: tp.limit_price } : null,
    stop_loss: sl ? { stop_price: sl.stop_price, limit_price: sl.type === 'stop_limit' ? sl.limit_price : null } : null,
  });
  return issues.length === 0 ? null : issues.map((i) => i.message).join('; ');
}
