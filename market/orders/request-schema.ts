import { z } from 'zod';
import { describe, flag, oneOf, positiveDecimal } from './numeric-field.ts';
import { requestIssues, type RawOrderRequest } from './request-rules.ts';
import { ALPACA_TIME_IN_FORCE, ORDER_CLASSES, ORDER_TYPES, SIDES, type OrderClass, type OrderType, type Side, type TimeInForce } from './vocabulary.ts';

/**
 * The body of Alpaca's `POST /v2/orders`, parsed once at the HTTP edge. Unknown keys are dropped
 * (Alpaca's newer fields such as `position_intent` must not break a client); a mistyped known
 * field is still caught, because the rule it feeds ("limit orders need limit_price") fails.
 */
export interface OrderRequest extends Omit<RawOrderRequest, 'time_in_force' | 'take_profit' | 'stop_loss'> {
  /** opg and cls are refused by the rules, so an accepted request has neither. */
  readonly time_in_force: TimeInForce;
  readonly take_profit: { readonly limit_price: number } | null;
  readonly stop_loss: { readonly stop_price: number; readonly limit_price: number | null } | null;
}

// Alpaca symbols: AAPL, BRK.B, BTC/USD; Tickflow's: BTCUSDT. Whether the symbol is known is the
// account's question (the instrument registry), not the body's.
const SYMBOL = /^[A-Z0-9][A-Z0-9./-]{0,31}$/;

const symbol = z.unknown().transform((input, ctx) => {
  const text = typeof input === 'string' ? input.trim().toUpperCase() : undefined;
  if (text !== undefined && SYMBOL.test(text)) return text;
  const message = input === undefined || input === '' ? 'symbol is required' : `symbol must be letters, digits, '.', '/' or '-' (at most 32), got ${describe(input)}`;
  ctx.addIssue({ code: 'custom', message, input });
  return z.NEVER;
});

const clientOrderId = z
  .string({ error: (i) => `client_order_id must be a string, got ${describe(i.input)}` })
  .min(1, 'client_order_id must not be empty')
  .max(128, { error: (i) => `client_order_id must be at most 128 characters, got ${String((i.input as string).length)}` })
  .nullish();

const notAnObject = (name: string) => (i: { input: unknown }) => `${name} must be an object, got ${describe(i.input)}`;
const takeProfit = z.object({ limit_price: positiveDecimal('take_profit.limit_price') }, { error: notAnObject('take_profit') }).nullish();
const stopLoss = z
  .object({ stop_price: positiveDecimal('stop_loss.stop_price'), limit_price: positiveDecimal('stop_loss.limit_price') }, { error: notAnObject('stop_loss') })
  .nullish();

// Alpaca itself answers an order without a class with `order_class: ""`; a client echoing that back means simple.
const orderClass = z
  .enum(['', ...ORDER_CLASSES], { error: (i) => `order_class must be one of ${ORDER_CLASSES.join(', ')}, got ${describe(i.input)}` })
  .optional();

export const orderRequestSchema = z
  .object(
    {
      symbol,
      qty: positiveDecimal('qty'),
      notional: positiveDecimal('notional'),
      side: oneOf('side', SIDES),
      type: oneOf('type', ORDER_TYPES),
      time_in_force: oneOf('time_in_force', ALPACA_TIME_IN_FORCE),
      limit_price: positiveDecimal('limit_price'),
      stop_price: positiveDecimal('stop_price'),
      trail_price: positiveDecimal('trail_price'),
      trail_percent: positiveDecimal('trail_percent', { below: 100 }),
      extended_hours: flag('extended_hours'),
      client_order_id: clientOrderId,
      order_class: orderClass,
      take_profit: takeProfit,
      stop_loss: stopLoss,
    },
    { error: (i) => `an order must be a JSON object, got ${describe(i.input)}` },
  )
  .transform((raw, ctx): OrderRequest => {
    const normal = normalise(raw);
    const issues = requestIssues(normal);
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, input: raw });
    return issues.length > 0 ? z.NEVER : (normal as OrderRequest);
  });

function normalise(raw: {
  symbol: string;
  qty?: number | undefined;
  notional?: number | undefined;
  side: Side;
  type: OrderType;
  time_in_force: RawOrderRequest['time_in_force'];
  limit_price?: number | undefined;
  stop_price?: number | undefined;
  trail_price?: number | undefined;
  trail_percent?: number | undefined;
  extended_hours?: boolean | undefined;
  client_order_id?: string | null | undefined;
  order_class?: OrderClass | '' | undefined;
  take_profit?: { limit_price?: number | undefined } | null | undefined;
  stop_loss?: { stop_price?: number | undefined; limit_price?: number | undefined } | null | undefined;
}): RawOrderRequest {
  return {
    symbol: raw.symbol,
    qty: raw.qty ?? null,
    notional: raw.notional ?? null,
    side: raw.side,
    type: raw.type,
    time_in_force: raw.time_in_force,
    limit_price: raw.limit_price ?? null,
    stop_price: raw.stop_price ?? null,
    trail_price: raw.trail_price ?? null,
    trail_percent: raw.trail_percent ?? null,
    extended_hours: raw.extended_hours ?? false,
    client_order_id: raw.client_order_id ?? null,
    order_class: raw.order_class === undefined || raw.order_class === '' ? 'simple' : raw.order_class,
    take_profit: raw.take_profit ? { limit_price: raw.take_profit.limit_price ?? null } : null,
    stop_loss: raw.stop_loss ? { stop_price: raw.stop_loss.stop_price ?? null, limit_price: raw.stop_loss.limit_price ?? null } : null,
  };
}

export type OrderRequestResult = { ok: true; request: OrderRequest } | { ok: false; message: string; issues: readonly { path: string; message: string }[] };

/** Parses a request body; never throws. `message` joins every issue, each naming its field. */
export function parseOrderRequest(body: unknown): OrderRequestResult {
  const parsed = orderRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return { ok: false, message: issues.map((i) => i.message).join('; '), issues };
}
