import { opposite, type OrderClass, type OrderType, type Side, type TimeInForce } from './vocabulary.ts';

/** A request whose fields each parsed, before the rules that relate them. */
export interface RawOrderRequest {
  readonly symbol: string;
  readonly qty: number | null;
  readonly notional: number | null;
  readonly side: Side;
  readonly type: OrderType;
  readonly time_in_force: TimeInForce | 'opg' | 'cls';
  readonly limit_price: number | null;
  readonly stop_price: number | null;
  readonly trail_price: number | null;
  readonly trail_percent: number | null;
  readonly extended_hours: boolean;
  readonly client_order_id: string | null;
  readonly order_class: OrderClass;
  readonly take_profit: { readonly limit_price: number | null } | null;
  readonly stop_loss: { readonly stop_price: number | null; readonly limit_price: number | null } | null;
}

export interface RequestIssue {
  readonly path: readonly string[];
  readonly message: string;
}

const NEEDS_LIMIT: readonly OrderType[] = ['limit', 'stop_limit'];
const NEEDS_STOP: readonly OrderType[] = ['stop', 'stop_limit'];

/**
 * Every cross-field rule of an order request, as Alpaca states them, plus the few Tickflow adds
 * where Alpaca leaves the meaning open (each says so). All issues are returned, not the first,
 * so a client fixes its request in one round trip.
 */
export function requestIssues(r: RawOrderRequest): RequestIssue[] {
  const issues: RequestIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path: path.split('.'), message });
  const { type, time_in_force: tif, order_class: cls } = r;

  if (tif === 'opg' || tif === 'cls') add('time_in_force', `time_in_force ${tif} is not supported: Tickflow runs no opening or closing auction; use day, gtc, ioc or fok`);

  if (r.qty !== null && r.notional !== null) add('notional', 'qty and notional are mutually exclusive; send one');
  if (r.qty === null && r.notional === null) add('qty', 'one of qty or notional is required');
  if (r.notional !== null && type !== 'market') add('notional', `notional orders must be type market, got ${type}`);
  if (r.notional !== null && cls !== 'simple') add('notional', `notional orders must be order_class simple, got ${cls}`);

  // An OCO's limit price is its take-profit's; a top-level limit_price may only repeat it.
  const ocoLimit = cls === 'oco' && r.take_profit?.limit_price != null;
  if (NEEDS_LIMIT.includes(type) && r.limit_price === null && !ocoLimit) add('limit_price', `limit_price is required for ${type} orders`);
  if (!NEEDS_LIMIT.includes(type) && r.limit_price !== null) add('limit_price', `limit_price is only allowed for limit and stop_limit orders, not ${type}`);
  if (NEEDS_STOP.includes(type) && r.stop_price === null) add('stop_price', `stop_price is required for ${type} orders`);
  if (!NEEDS_STOP.includes(type) && r.stop_price !== null) add('stop_price', `stop_price is only allowed for stop and stop_limit orders, not ${type}`);

  const trails = (r.trail_price !== null ? 1 : 0) + (r.trail_percent !== null ? 1 : 0);
  if (type === 'trailing_stop' && trails !== 1) add('trail_price', 'trailing_stop orders need exactly one of trail_price or trail_percent');
  if (type !== 'trailing_stop' && trails > 0) add(r.trail_price !== null ? 'trail_price' : 'trail_percent', `trail_price and trail_percent are only allowed for trailing_stop orders, not ${type}`);

  // Tickflow's rule: "immediately" is well defined only for orders that are live on arrival.
  if ((tif === 'ioc' || tif === 'fok') && type !== 'market' && type !== 'limit') add('time_in_force', `time_in_force ${tif} is only supported for market and limit orders, not ${type}`);

  if (r.extended_hours && (type !== 'limit' || tif !== 'day')) add('extended_hours', 'extended_hours orders must be type limit with time_in_force day');

  issues.push(...classIssues(r));
  return issues;
}

function classIssues(r: RawOrderRequest): RequestIssue[] {
  const issues: RequestIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path: path.split('.'), message });
  const { order_class: cls, take_profit: tp, stop_loss: sl, type, time_in_force: tif } = r;

  if (cls === 'simple') {
    if (tp) add('take_profit', 'take_profit is only allowed with order_class bracket, oco or oto');
    if (sl) add('stop_loss', 'stop_loss is only allowed with order_class bracket, oco or oto');
    return issues;
  }
  if (cls === 'bracket' || cls === 'oco') {
    if (!tp) add('take_profit', `${cls} orders need take_profit`);
    if (!sl) add('stop_loss', `${cls} orders need stop_loss`);
  }
  if (cls === 'oto' && (tp ? 1 : 0) + (sl ? 1 : 0) !== 1) add('take_profit', 'oto orders need exactly one of take_profit or stop_loss');
  if (tp && tp.limit_price === null) add('take_profit.limit_price', 'take_profit.limit_price is required');
  if (sl && sl.stop_price === null) add('stop_loss.stop_price', 'stop_loss.stop_price is required');

  if (cls === 'oco' && type !== 'limit') add('type', `oco orders must be type limit, got ${type}`);
  if (cls !== 'oco' && type !== 'market' && type !== 'limit') add('type', `${cls} entry orders must be type market or limit, got ${type}`);
  if (tif !== 'day' && tif !== 'gtc') add('time_in_force', `${cls} orders must have time_in_force day or gtc, got ${tif}`);
  if (cls === 'oco' && r.limit_price !== null && tp?.limit_price != null && r.limit_price !== tp.limit_price) {
    add('limit_price', `an oco order's limit_price is its take_profit.limit_price (${tp.limit_price}); got ${r.limit_price}`);
  }

  // The exit legs sell a long (or buy back a short): the profit target lies beyond the entry, the stop before it.
  const exit = cls === 'oco' ? r.side : opposite(r.side);
  const up = exit === 'sell'; // selling exits take profit above and stop out below
  const target = tp?.limit_price ?? null;
  const stop = sl?.stop_price ?? null;
  const word = up ? 'above' : 'below';
  const beyond = (a: number, b: number) => (up ? a > b : a < b);
  if (target !== null && stop !== null && !beyond(target, stop)) {
    add('take_profit.limit_price', `take_profit.limit_price (${target}) must be ${word} stop_loss.stop_price (${stop}) for ${exit} exits`);
  }
  const entry = cls === 'oco' ? null : r.limit_price;
  if (entry !== null && target !== null && !beyond(target, entry)) add('take_profit.limit_price', `take_profit.limit_price (${target}) must be ${word} the entry limit_price (${entry})`);
  if (entry !== null && stop !== null && !beyond(entry, stop)) add('stop_loss.stop_price', `stop_loss.stop_price (${stop}) must be ${up ? 'below' : 'above'} the entry limit_price (${entry})`);
  return issues;
}
