import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { ORDER_CLASSES, ORDER_STATUSES, ORDER_TYPES, SIDES, TIME_IN_FORCE } from '../../market/orders/index.ts';

/**
 * The /v2 routes as /openapi.json describes them: Alpaca's shapes, written out for the document
 * only. The routes themselves stay plain Hono handlers that parse with market/orders' schema and
 * answer Alpaca's `{code, message}` errors, so documenting them changes nothing they do; the
 * shapes here follow what `toAlpacaJson`, `json.ts` and the routes write (a test checks the
 * routes' answers against them).
 */

type Registry = OpenAPIHono['openAPIRegistry'];

const decimal = (description: string) => z.string().openapi({ description: `${description} (a decimal string)`, example: '0.5' });
const decimalOrNull = (description: string) => z.union([decimal(description), z.null()]);
const time = (description: string) => z.string().openapi({ description: `${description}, ISO 8601`, example: '2021-04-14T12:00:00.000Z' });
const timeOrNull = (description: string) => z.union([time(description), z.null()]);

export const AlpacaErrorSchema = z
  .object({ code: z.number().int().openapi({ example: 40010001 }), message: z.string().openapi({ example: 'limit_price is required for limit orders' }) })
  .openapi('AlpacaError', { description: "Alpaca's error shape: its code is the HTTP status followed by a number" });

const orderFields = {
  id: z.string().openapi({ example: '3f0c…-0000000001' }),
  client_order_id: z.string(),
  created_at: time('Submitted'),
  updated_at: time('Last change'),
  submitted_at: timeOrNull('Accepted'),
  filled_at: timeOrNull('Filled'),
  expired_at: timeOrNull('Expired'),
  canceled_at: timeOrNull('Canceled'),
  failed_at: timeOrNull('Rejected'),
  replaced_at: timeOrNull('Replaced'),
  replaced_by: z.union([z.string(), z.null()]),
  replaces: z.union([z.string(), z.null()]),
  asset_id: z.string().openapi({ example: 'crypto:BTCUSDT' }),
  symbol: z.string().openapi({ example: 'BTCUSDT' }),
  asset_class: z.enum(['us_equity', 'crypto']),
  notional: decimalOrNull('Money to spend or raise, for a notional order'),
  qty: decimalOrNull('Quantity; null for a notional order'),
  filled_qty: decimal('Filled so far'),
  filled_avg_price: decimalOrNull('Average fill price'),
  order_class: z.enum(['', 'bracket', 'oco', 'oto']).openapi({ description: '"" for a simple order, as Alpaca writes it' }),
  order_type: z.enum(ORDER_TYPES),
  type: z.enum(ORDER_TYPES),
  side: z.enum(SIDES),
  time_in_force: z.enum(TIME_IN_FORCE),
  limit_price: decimalOrNull('Limit price'),
  stop_price: decimalOrNull('Stop price (a trailing stop: where it trails now)'),
  status: z.enum(ORDER_STATUSES),
  extended_hours: z.boolean(),
  trail_percent: decimalOrNull('Trailing stop: percent'),
  trail_price: decimalOrNull('Trailing stop: price offset'),
  hwm: decimalOrNull('Trailing stop: the best price since submission'),
};

const OrderLegSchema = z.object({ ...orderFields, legs: z.null() }).openapi('AlpacaOrderLeg');
export const AlpacaOrderSchema = z
  .object({ ...orderFields, legs: z.union([z.array(OrderLegSchema), z.null()]).openapi({ description: "A bracket, OCO or OTO order's legs, when nested" }) })
  .openapi('AlpacaOrder', { description: "An order as Alpaca's v2 API writes it" });

const priceField = z.union([z.string(), z.number()]);
export const OrderRequestSchema = z
  .object({
    symbol: z.string().openapi({ example: 'BTCUSDT', description: "Tickflow's symbols; BTC/USDT is taken too" }),
    qty: priceField.optional().openapi({ description: 'Quantity, fractional allowed; exactly one of qty and notional' }),
    notional: priceField.optional().openapi({ description: 'Money to trade, for a simple market order' }),
    side: z.enum(SIDES),
    type: z.enum(ORDER_TYPES),
    time_in_force: z.enum(['day', 'gtc', 'ioc', 'fok', 'opg', 'cls']).openapi({ description: 'opg and cls are refused: no auctions are simulated. day expires at the NYSE close for stocks, 00:00 UTC for crypto' }),
    limit_price: priceField.optional(),
    stop_price: priceField.optional(),
    trail_price: priceField.optional(),
    trail_percent: priceField.optional(),
    extended_hours: z.boolean().optional(),
    client_order_id: z.string().max(128).optional().openapi({ description: 'A retry with the same id answers the first order and makes none' }),
    order_class: z.enum(['', ...ORDER_CLASSES]).optional(),
    take_profit: z.object({ limit_price: priceField }).optional(),
    stop_loss: z.object({ stop_price: priceField, limit_price: priceField.optional() }).optional(),
  })
  .openapi('AlpacaOrderRequest');

export const ReplaceRequestSchema = z
  .object({
    qty: priceField.optional().openapi({ description: 'Not for the orders of a bracket, OCO or OTO group' }),
    time_in_force: z.enum(TIME_IN_FORCE).optional(),
    limit_price: priceField.optional(),
    stop_price: priceField.optional(),
    trail: priceField.optional().openapi({ description: "A trailing stop's new trail_price or trail_percent" }),
    client_order_id: z.string().max(128).optional(),
  })
  .openapi('AlpacaReplaceRequest');

const AccountSchema = z
  .object({
    id: z.string(),
    account_number: z.string(),
    status: z.literal('ACTIVE'),
    crypto_status: z.literal('ACTIVE'),
    currency: z.literal('USD'),
    buying_power: decimal('Buying power'),
    regt_buying_power: decimal('Buying power'),
    daytrading_buying_power: decimal('Buying power'),
    non_marginable_buying_power: decimal('Buying power'),
    cash: decimal('Cash'),
    portfolio_value: decimal('Equity'),
    equity: decimal('Cash plus positions at their last price'),
    last_equity: decimal('Equity at the end of the previous UTC day'),
    long_market_value: decimal('Long positions'),
    short_market_value: decimal('Short positions (negative)'),
    multiplier: z.literal('1'),
    shorting_enabled: z.boolean(),
    pattern_day_trader: z.boolean(),
    trading_blocked: z.boolean(),
    transfers_blocked: z.boolean(),
    account_blocked: z.boolean(),
    trade_suspended_by_user: z.boolean(),
    created_at: time('Created'),
  })
  .openapi('AlpacaAccount');

const PositionSchema = z
  .object({
    asset_id: z.string(),
    symbol: z.string(),
    exchange: z.string(),
    asset_class: z.enum(['us_equity', 'crypto']),
    avg_entry_price: decimal('Average entry price'),
    qty: decimal('Signed quantity'),
    qty_available: decimal('What open closing orders do not already hold'),
    side: z.enum(['long', 'short']),
    market_value: decimal('At the last price'),
    cost_basis: decimal('Cost basis'),
    unrealized_pl: decimal('Unrealised profit or loss'),
    unrealized_plpc: decimal('The same over the cost basis'),
    current_price: decimal('Last price'),
  })
  .openapi('AlpacaPosition');

const ClockSchema = z
  .object({ timestamp: z.string(), is_open: z.boolean(), next_open: z.string(), next_close: z.string() })
  .openapi('AlpacaClock', { description: "The NYSE's regular session with its holidays and early closes; times in New York's offset" });

const PortfolioHistorySchema = z
  .object({
    timestamp: z.array(z.number().int()).openapi({ description: 'Epoch seconds' }),
    equity: z.array(z.number()),
    profit_loss: z.array(z.number()),
    profit_loss_pct: z.array(z.number()),
    base_value: z.number(),
    timeframe: z.enum(['1Min', '5Min', '15Min', '1H', '1D']),
  })
  .openapi('AlpacaPortfolioHistory');

const FillActivitySchema = z
  .object({
    id: z.string().openapi({ description: 'Names the account log event that made the fill: stable across restarts', example: '42.0' }),
    activity_type: z.literal('FILL'),
    transaction_time: time('When it filled'),
    type: z.enum(['fill', 'partial_fill']),
    price: decimal('Fill price'),
    qty: decimal('Fill quantity'),
    side: z.enum(SIDES),
    symbol: z.string(),
    leaves_qty: decimal('Left to fill'),
    order_id: z.string(),
    cum_qty: decimal('Filled so far'),
    order_status: z.enum(['filled', 'partially_filled']),
  })
  .openapi('AlpacaFillActivity');

const KEYS: Record<string, string[]>[] = [{ alpacaKeyId: [], alpacaSecretKey: [] }];
const json = (schema: z.ZodType, description: string) => ({ content: { 'application/json': { schema } }, description });
const error = (description: string) => json(AlpacaErrorSchema, description);
const COMMON = {
  401: error('No key pair (APCA-API-KEY-ID, APCA-API-SECRET-KEY)'),
  403: error('The key pair does not verify, or a risk check refused the order (the reason in message)'),
  503: error('The account did not answer in time, or is not running'),
};
const orderId = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path', required: true }, description: 'Order id' }) });
const symbol = z.object({ symbol: z.string().openapi({ param: { name: 'symbol', in: 'path', required: true }, example: 'BTCUSDT' }) });
const q = (description: string) => z.string().optional().openapi({ description });

/** Every /v2 route, in the registry of the app that serves them (merged into the edge's by `route`). */
export function documentAlpaca(registry: Registry): void {
  registry.registerComponent('securitySchemes', 'alpacaKeyId', { type: 'apiKey', in: 'header', name: 'APCA-API-KEY-ID', description: "A paper account's key id (tickflow account create)" });
  registry.registerComponent('securitySchemes', 'alpacaSecretKey', { type: 'apiKey', in: 'header', name: 'APCA-API-SECRET-KEY', description: 'Its secret' });
  const route = (method: 'get' | 'post' | 'patch' | 'delete', path: string, operationId: string, summary: string, rest: object) =>
    registry.registerPath({ method, path, operationId, summary, tags: ['trading'], security: KEYS, ...rest } as Parameters<Registry['registerPath']>[0]);

  route('get', '/v2/account', 'alpacaGetAccount', 'The account: cash, equity, buying power', { responses: { 200: json(AccountSchema, 'The account'), ...COMMON } });
  route('get', '/v2/account/portfolio/history', 'alpacaPortfolioHistory', 'Equity over a period, in bars of a timeframe', {
    request: { query: z.object({ period: q('<n>D|W|M|A, default 1M'), timeframe: q('1Min, 5Min, 15Min, 1H or 1D'), date_end: q('YYYY-MM-DD'), extended_hours: q('Taken, and ignored') }) },
    responses: { 200: json(PortfolioHistorySchema, 'Equity, profit and loss per bar'), 422: error('A parameter is invalid'), ...COMMON },
  });
  route('get', '/v2/account/activities', 'alpacaActivities', 'Account activities: the fills (no other kind happens here)', {
    request: { query: z.object({ activity_types: q('Comma list; FILL is the only kind with entries'), date: q('YYYY-MM-DD'), after: q('ISO 8601'), until: q('ISO 8601'), direction: q('asc or desc (default)'), page_size: q('1–100, default 100'), page_token: q('The last id of the previous page') }) },
    responses: { 200: json(z.array(FillActivitySchema), 'Fills, newest first'), 422: error('A parameter is invalid'), ...COMMON },
  });
  route('get', '/v2/account/activities/{activity_type}', 'alpacaActivitiesOfType', 'Account activities of one kind', {
    request: {
      params: z.object({ activity_type: z.string().openapi({ param: { name: 'activity_type', in: 'path', required: true }, example: 'FILL' }) }),
      query: z.object({ date: q('YYYY-MM-DD'), after: q('ISO 8601'), until: q('ISO 8601'), direction: q('asc or desc (default)'), page_size: q('1–100'), page_token: q('The last id of the previous page') }),
    },
    responses: { 200: json(z.array(FillActivitySchema), 'Fills (empty for any other kind)'), 422: error('Not an Alpaca activity type'), ...COMMON },
  });
  route('get', '/v2/orders', 'alpacaListOrders', 'Orders, newest first', {
    request: { query: z.object({ status: q('open (default), closed or all'), limit: q('1–500, default 50'), after: q('ISO 8601'), until: q('ISO 8601'), direction: q('asc or desc'), nested: q('true: legs inside their parent'), symbols: q('Comma list') }) },
    responses: { 200: json(z.array(AlpacaOrderSchema), 'The orders'), 422: error('A parameter is invalid'), ...COMMON },
  });
  route('post', '/v2/orders', 'alpacaSubmitOrder', 'Submit an order', {
    description: 'Logged durably before it is answered. A retried client_order_id answers the first order.',
    request: { body: { content: { 'application/json': { schema: OrderRequestSchema } }, required: true } },
    responses: { 200: json(AlpacaOrderSchema, 'The order, accepted'), 400: error('The body is not JSON'), 422: error('The order is invalid; every field at fault is named'), 429: error('The account’s submit rate'), ...COMMON },
  });
  route('delete', '/v2/orders', 'alpacaCancelAllOrders', 'Cancel every open order', {
    responses: { 207: json(z.array(z.object({ id: z.string(), status: z.number().int() })), 'One entry per order canceled'), ...COMMON },
  });
  route('get', '/v2/orders:by_client_order_id', 'alpacaOrderByClientId', 'One order by its client order id', {
    request: { query: z.object({ client_order_id: z.string().openapi({ description: 'The client order id' }) }) },
    responses: { 200: json(AlpacaOrderSchema, 'The order'), 404: error('No such order in this account'), ...COMMON },
  });
  route('get', '/v2/orders/{id}', 'alpacaGetOrder', 'One order', { request: { params: orderId }, responses: { 200: json(AlpacaOrderSchema, 'The order'), 404: error('No such order in this account'), ...COMMON } });
  route('patch', '/v2/orders/{id}', 'alpacaReplaceOrder', 'Replace an open order (Alpaca’s semantics; one order of a group at a time)', {
    request: { params: orderId, body: { content: { 'application/json': { schema: ReplaceRequestSchema } }, required: true } },
    responses: { 200: json(AlpacaOrderSchema, 'The new order'), 404: error('No such order'), 422: error('Not replaceable, or the patch is invalid'), ...COMMON },
  });
  route('delete', '/v2/orders/{id}', 'alpacaCancelOrder', 'Cancel an open order', {
    request: { params: orderId },
    responses: { 204: { description: 'Canceled' }, 404: error('No such order'), 422: error('Not cancelable'), ...COMMON },
  });
  route('get', '/v2/positions', 'alpacaListPositions', 'Open positions at their last price', { responses: { 200: json(z.array(PositionSchema), 'The positions'), ...COMMON } });
  route('delete', '/v2/positions', 'alpacaCloseAllPositions', 'Close every position at market', {
    responses: { 207: json(z.array(z.object({ symbol: z.string(), status: z.number().int(), body: z.union([AlpacaOrderSchema, AlpacaErrorSchema]) })), 'One entry per position'), ...COMMON },
  });
  route('get', '/v2/positions/{symbol}', 'alpacaGetPosition', 'One position', { request: { params: symbol }, responses: { 200: json(PositionSchema, 'The position'), 404: error('No position'), ...COMMON } });
  route('delete', '/v2/positions/{symbol}', 'alpacaClosePosition', 'Close a position at market (its open orders are canceled first)', {
    request: { params: symbol },
    responses: { 200: json(AlpacaOrderSchema, 'The closing order'), 404: error('No position'), 422: error('qty or percentage given: partial closes are not supported'), ...COMMON },
  });
  route('get', '/v2/clock', 'alpacaClock', 'The NYSE market clock', { responses: { 200: json(ClockSchema, 'The clock'), ...COMMON } });
}
