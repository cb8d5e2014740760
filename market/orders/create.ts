import type { Order } from './order.ts';
import type { OrderRequest } from './request-schema.ts';
import { opposite, type AssetClass } from './vocabulary.ts';

/**
 * What the account supplies when it turns a request into orders: ids (made by the account, which
 * owns the sequence, so replay makes the same ones), the asset, and for a day order the end of
 * the session it belongs to. A day order without `sessionEnd` never expires: crypto has no session.
 */
export interface OrderIdentity {
  readonly id: string;
  readonly asset_id: string;
  readonly asset_class: AssetClass;
  /** One id per leg: two for a bracket, one for an OCO (its stop leg) or an OTO. */
  readonly legIds?: readonly string[];
  readonly sessionEnd?: number | null;
}

/** The parent order and its legs (take-profit first, as Alpaca lists them). */
export interface CreatedOrders {
  readonly order: Order;
  readonly legs: readonly Order[];
}

const LEG_COUNT = { simple: 0, bracket: 2, oco: 1, oto: 1 } as const;

/**
 * The orders a parsed request makes, all `pending_new` at `at`. A bracket's legs exit the
 * entry's position (the other side, same qty); an OCO is Alpaca's: the order itself is the
 * take-profit limit and its one leg the stop; an OTO has the one leg it names.
 */
export function createOrders(request: OrderRequest, ids: OrderIdentity, at: number): CreatedOrders {
  const legIds = ids.legIds ?? [];
  const wanted = LEG_COUNT[request.order_class];
  if (legIds.length !== wanted) throw new RangeError(`Invalid leg ids for ${request.order_class} order ${ids.id}: need ${wanted}, got ${legIds.length}`);

  const isOco = request.order_class === 'oco';
  const order: Order = {
    id: ids.id,
    client_order_id: request.client_order_id ?? ids.id,
    symbol: request.symbol,
    asset_id: ids.asset_id,
    asset_class: ids.asset_class,
    side: request.side,
    type: request.type,
    time_in_force: request.time_in_force,
    order_class: request.order_class,
    qty: request.qty,
    notional: request.notional,
    filled_qty: 0,
    filled_avg_price: null,
    limit_price: isOco ? (request.take_profit?.limit_price ?? null) : request.limit_price,
    stop_price: request.stop_price,
    trail_price: request.trail_price,
    trail_percent: request.trail_percent,
    hwm: null,
    extended_hours: request.extended_hours,
    status: 'pending_new',
    created_at: at,
    updated_at: at,
    submitted_at: null,
    filled_at: null,
    expired_at: null,
    canceled_at: null,
    failed_at: null,
    replaced_at: null,
    replaced_by: null,
    replaces: null,
    parent_id: null,
    leg_ids: wanted > 0 ? [...legIds] : null,
    expires_at: request.time_in_force === 'day' ? (ids.sessionEnd ?? null) : null,
    triggered_at: null,
  };

  const exitSide = isOco ? order.side : opposite(order.side);
  const leg = (id: string, shape: Pick<Order, 'type' | 'limit_price' | 'stop_price'>): Order => ({
    ...order,
    ...shape,
    id,
    client_order_id: id,
    side: exitSide,
    notional: null,
    extended_hours: false,
    parent_id: order.id,
    leg_ids: null,
  });
  let nextLeg = 0;
  const takeProfit = () => leg(legIds[nextLeg++]!, { type: 'limit', limit_price: request.take_profit!.limit_price, stop_price: null });
  const stopLoss = () => {
    const sl = request.stop_loss!;
    return leg(legIds[nextLeg++]!, { type: sl.limit_price === null ? 'stop' : 'stop_limit', limit_price: sl.limit_price, stop_price: sl.stop_price });
  };

  const legs: Order[] = [];
  if (request.order_class === 'bracket') legs.push(takeProfit(), stopLoss());
  if (request.order_class === 'oco') legs.push(stopLoss());
  if (request.order_class === 'oto') legs.push(request.take_profit ? takeProfit() : stopLoss());
  return { order, legs };
}
