import { isTerminal, round8, toAlpacaJson, type AlpacaOrderJson, type Order } from '../../market/orders/index.ts';
import { project } from '../../market/risk/index.ts';
import type { Marks } from './decide.ts';
import { equityBefore, startOfUtcDay } from './equity.ts';
import { openOrders, signedPositions, type AccountState, type FillRecord } from './state.ts';

export interface PositionView {
  symbol: string;
  qty: number;
  side: 'long' | 'short';
  avgEntryPrice: number;
  costBasis: number;
  currentPrice: number;
  marketValue: number;
  unrealizedPnl: number;
}

export interface AccountView {
  id: string;
  cash: number;
  equity: number;
  /** Null while a short or an open order has no price to be valued at. */
  buyingPower: number | null;
  longMarketValue: number;
  shortMarketValue: number;
  realizedPnl: number;
  unrealizedPnl: number;
  feesPaid: number;
  shortingEnabled: boolean;
  fills: number;
  /** Equity at the end of the previous day (UTC) of account time, from the equity history: Alpaca's `last_equity`. */
  lastEquity: number;
}

/** The price a symbol is valued at: the last mark, else the book's last price, else the entry price. */
const priceOf = (s: AccountState, marks: Marks, symbol: string, fallback: number) => marks[symbol] ?? s.books[symbol]?.lastPrice ?? fallback;

export function positionsView(s: AccountState, marks: Marks): PositionView[] {
  return Object.values(s.positions).map((p) => {
    const currentPrice = priceOf(s, marks, p.symbol, p.avgEntryPrice);
    return {
      symbol: p.symbol,
      qty: p.qty,
      side: p.qty > 0 ? 'long' : 'short',
      avgEntryPrice: p.avgEntryPrice,
      costBasis: p.costBasis,
      currentPrice,
      marketValue: round8(p.qty * currentPrice),
      unrealizedPnl: round8(p.qty * (currentPrice - p.avgEntryPrice)),
    };
  });
}

export function accountView(s: AccountState, marks: Marks): AccountView {
  const positions = positionsView(s, marks);
  const sum = (xs: number[]) => round8(xs.reduce((a, b) => a + b, 0));
  const longMarketValue = sum(positions.filter((p) => p.qty > 0).map((p) => p.marketValue));
  const shortMarketValue = sum(positions.filter((p) => p.qty < 0).map((p) => p.marketValue));
  const prices: Record<string, number> = {};
  for (const p of positions) prices[p.symbol] = p.currentPrice;
  for (const b of Object.values(s.books)) if (prices[b.symbol] === undefined && b.lastPrice !== null) prices[b.symbol] = b.lastPrice;
  const projection = project(s.cash, signedPositions(s), openOrders(s), { ...prices, ...marks }, s.config.limits);
  return {
    id: s.id,
    cash: s.cash,
    equity: round8(s.cash + longMarketValue + shortMarketValue),
    buyingPower: 'missingPrice' in projection ? null : Math.max(0, round8(projection.available)),
    longMarketValue,
    shortMarketValue,
    realizedPnl: s.realizedPnl,
    unrealizedPnl: sum(positions.map((p) => p.unrealizedPnl)),
    feesPaid: s.feesPaid,
    shortingEnabled: s.config.allowShort,
    fills: s.fills.length,
    lastEquity: equityBefore(s.equity, startOfUtcDay(s.time), s.openingCash),
  };
}

/** An order as Alpaca writes it, its legs nested. */
export function orderJson(s: AccountState, o: Order): AlpacaOrderJson {
  const legs = (o.leg_ids ?? []).map((id) => s.orders[id]).filter((l): l is Order => l !== undefined);
  return toAlpacaJson(o, legs);
}

export type OrderStatusFilter = 'open' | 'closed' | 'all';

/** `GET /v2/orders`'s filters. `after`/`until`: submission time, epoch ms, both exclusive. */
export interface OrdersQuery {
  status?: OrderStatusFilter | undefined;
  limit?: number | undefined;
  after?: number | undefined;
  until?: number | undefined;
  direction?: 'asc' | 'desc' | undefined;
  symbols?: readonly string[] | undefined;
  /** True (the default here): parents only, legs nested in them. False: every order flat, Alpaca's default listing. */
  nested?: boolean | undefined;
}

/** Orders as `GET /v2/orders` lists them: newest first unless `direction: 'asc'`, at most `limit` (50). */
export function ordersView(s: AccountState, q: OrdersQuery = {}): AlpacaOrderJson[] {
  const { status = 'open', limit = 50, direction = 'desc', nested = true } = q;
  const symbols = q.symbols && q.symbols.length > 0 ? new Set(q.symbols) : null;
  // Nested, a group is open while any of its orders works (a filled bracket entry with its exits waiting).
  const isOpen = (o: Order) => !isTerminal(o.status) || (nested && (o.leg_ids ?? []).some((id) => !isTerminal(s.orders[id]?.status ?? 'canceled')));
  const wanted = (o: Order) =>
    (status === 'all' || (status === 'open') === isOpen(o)) &&
    (!nested || o.parent_id === null) &&
    (symbols === null || symbols.has(o.symbol)) &&
    (q.after === undefined || o.created_at > q.after) &&
    (q.until === undefined || o.created_at < q.until);
  // Ids sort in submission order (state.ts), so they order by time and break ties between equal times.
  const sign = direction === 'asc' ? 1 : -1;
  return Object.values(s.orders)
    .filter(wanted)
    .sort((a, b) => (a.id < b.id ? -sign : sign))
    .slice(0, limit)
    .map((o) => (nested ? orderJson(s, o) : toAlpacaJson(o)));
}

/** `GET /v2/account/activities/FILL`'s filters: fill time (epoch ms, exclusive), order, page. */
export interface FillsQuery {
  after?: number | undefined;
  until?: number | undefined;
  direction?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  /** The id of the last fill of the previous page: the page starts after it. */
  pageToken?: string | undefined;
}

/** Fills in the order they happened (the log's), or newest first: Alpaca's default. */
export function fillsView(s: AccountState, q: FillsQuery = {}): FillRecord[] {
  const { direction = 'desc', limit = 100 } = q;
  let fills = s.fills.filter((f) => (q.after === undefined || f.at > q.after) && (q.until === undefined || f.at < q.until));
  if (direction === 'desc') fills = fills.reverse();
  if (q.pageToken !== undefined) {
    const i = fills.findIndex((f) => f.id === q.pageToken);
    fills = i === -1 ? [] : fills.slice(i + 1);
  }
  return fills.slice(0, limit);
}
