import { afterAll, beforeAll, expect, test } from 'bun:test';
// The official client, v3: it takes baseUrl (v4 ignores it). Its answers are typed `any`: the tests say what they hold.
import Alpaca from '@alpacahq/alpaca-trade-api';
import { ADMIN_KEY, cliCreateAccount, lastPrice, startTradingServer, waitFor, type Credentials, type TradingServer } from './testing.ts';

interface Order {
  id: string;
  client_order_id: string;
  status: string;
  symbol: string;
  type: string;
  qty: string;
  filled_qty: string;
  filled_avg_price: string | null;
  limit_price: string | null;
  stop_price: string | null;
  replaces: string | null;
  replaced_by: string | null;
  order_class: string;
  legs: Order[] | null;
}
interface Update {
  event: string;
  order: Order;
  timestamp: string;
  price?: string;
  qty?: string;
  position_qty?: string;
}

let server: TradingServer;
let credentials: Credentials;
let alpaca: Alpaca;
const updates: Update[] = [];

beforeAll(async () => {
  server = await startTradingServer();
  // The account is made the way a user makes one: the real CLI, through the running server.
  const made = await cliCreateAccount(['--name', 'client-test', '--cash', '1000000', '--json', '--url', server.base], { ADMIN_KEY });
  expect(made.code).toBe(0);
  credentials = made.credentials!;
  alpaca = new Alpaca({ keyId: credentials.key_id, secretKey: credentials.secret, baseUrl: server.base, paper: true });
  const ws = alpaca.trade_ws;
  ws.onOrderUpdate((u: Update) => updates.push(u));
  const authorized = new Promise<void>((resolve, reject) => {
    ws.onConnect(() => {
      ws.subscribe(['trade_updates']);
      resolve();
    });
    ws.onError((e: string) => reject(new Error(`trade stream: ${e}`)));
  });
  ws.connect();
  await authorized;
}, 60_000);

afterAll(async () => {
  alpaca?.trade_ws.disconnect();
  if (server) expect(await server.stop()).toBe(0);
});

const filled = (id: string) => waitFor(`order ${id} filled`, async () => ((await alpaca.getOrder(id)) as Order).status === 'filled' || undefined);
const heard = (event: string, id: string) => waitFor(`a ${event} update for ${id}`, () => updates.find((u) => u.event === event && u.order.id === id));
const round2 = (x: number) => x.toFixed(2);
// The client's .d.ts marks every query field required, though its code leaves out the ones not given.
type OrdersQuery = NonNullable<Parameters<Alpaca['getOrders']>[0]>;
type HistoryQuery = Parameters<Alpaca['getPortfolioHistory']>[0];
const ordersWith = (q: Partial<OrdersQuery>) => alpaca.getOrders(q as OrdersQuery) as Promise<Order[]>;

test('the official client trades a paper account end to end: every order type, replace, cancel, positions, the stream', async () => {
  const account = await alpaca.getAccount();
  expect(account).toMatchObject({ id: credentials.account_id, status: 'ACTIVE', cash: '1000000', equity: '1000000', buying_power: '1000000', currency: 'USD' });

  const price = await lastPrice(server.url, 'BTCUSDT');
  // market: fills at the next print; the stream says new, then fill with the fill's figures.
  const market = (await alpaca.createOrder({ symbol: 'BTCUSDT', qty: 0.5, side: 'buy', type: 'market', time_in_force: 'gtc', client_order_id: 'client-market' })) as Order;
  expect(market).toMatchObject({ status: 'new', type: 'market', qty: '0.5', client_order_id: 'client-market', symbol: 'BTCUSDT' });
  await filled(market.id);
  const fill = await heard('fill', market.id);
  expect(fill).toMatchObject({ qty: '0.5', position_qty: '0.5', order: { status: 'filled', filled_qty: '0.5' } });
  expect(Number(fill.price)).toBeGreaterThan(0);
  expect(Date.parse(fill.timestamp)).toBeGreaterThan(0);
  expect(await heard('new', market.id)).toMatchObject({ order: { id: market.id } });

  // limit, far below the market so it rests; replaced, then canceled.
  const limit = (await alpaca.createOrder({ symbol: 'BTCUSDT', qty: 0.1, side: 'buy', type: 'limit', limit_price: round2(price * 0.5), time_in_force: 'gtc' })) as Order;
  expect(limit).toMatchObject({ status: 'new', type: 'limit', limit_price: round2(price * 0.5) });
  const replacement = (await alpaca.replaceOrder(limit.id, { limit_price: round2(price * 0.6), qty: '0.2' })) as Order;
  expect(replacement).toMatchObject({ status: 'new', replaces: limit.id, limit_price: round2(price * 0.6), qty: '0.2' });
  expect(await alpaca.getOrder(limit.id)).toMatchObject({ status: 'replaced', replaced_by: replacement.id });
  await heard('replaced', limit.id);
  await alpaca.cancelOrder(replacement.id);
  expect(await alpaca.getOrder(replacement.id)).toMatchObject({ status: 'canceled' });
  await heard('canceled', replacement.id);

  // stop and stop_limit buys far above the market, and a trailing stop selling part of the position: all rest.
  const stop = (await alpaca.createOrder({ symbol: 'BTCUSDT', qty: 0.1, side: 'buy', type: 'stop', stop_price: round2(price * 2), time_in_force: 'gtc' })) as Order;
  const stopLimit = (await alpaca.createOrder({ symbol: 'BTCUSDT', qty: 0.1, side: 'buy', type: 'stop_limit', stop_price: round2(price * 2), limit_price: round2(price * 2.1), time_in_force: 'gtc' })) as Order;
  const trailing = (await alpaca.createOrder({ symbol: 'BTCUSDT', qty: 0.2, side: 'sell', type: 'trailing_stop', trail_percent: 50, time_in_force: 'gtc' })) as Order;
  expect([stop, stopLimit, trailing].map((o) => [o.type, o.status])).toEqual([
    ['stop', 'new'],
    ['stop_limit', 'new'],
    ['trailing_stop', 'new'],
  ]);

  // A bracket: the entry fills at the market, then its exits (far away on both sides) go to work.
  const bracket = (await alpaca.createOrder({
    symbol: 'BTCUSDT',
    qty: 0.1,
    side: 'buy',
    type: 'market',
    time_in_force: 'gtc',
    order_class: 'bracket',
    take_profit: { limit_price: round2(price * 3) },
    stop_loss: { stop_price: round2(price * 0.3) },
  })) as Order;
  expect(bracket).toMatchObject({ order_class: 'bracket', status: 'new' });
  expect(bracket.legs!.map((l) => [l.type, l.status])).toEqual([
    ['limit', 'held'],
    ['stop', 'held'],
  ]);
  await filled(bracket.id);
  const legs = await waitFor('the bracket exits working', async () => {
    const o = (await alpaca.getOrder(bracket.id)) as Order;
    return o.legs!.every((l) => l.status === 'new') ? o.legs! : undefined;
  });
  expect(legs.map((l) => l.limit_price ?? l.stop_price)).toEqual([round2(price * 3), round2(price * 0.3)]);

  // Nested, the bracket is open while its exits work; flat, each order stands alone.
  const open = await ordersWith({ status: 'open', nested: true });
  expect(open.map((o) => o.id).sort()).toEqual([stop.id, stopLimit.id, trailing.id, bracket.id].sort());
  const flat = await ordersWith({ status: 'open' });
  expect(flat.map((o) => o.id).sort()).toEqual([stop.id, stopLimit.id, trailing.id, ...legs.map((l) => l.id)].sort());
  const all = await ordersWith({ status: 'all', limit: 500, direction: 'asc' });
  expect(all.slice(0, 3).map((o) => [o.id, o.status])).toEqual([
    [market.id, 'filled'],
    [limit.id, 'replaced'],
    [replacement.id, 'canceled'],
  ]);
  expect(await alpaca.getOrderByClientId('client-market')).toMatchObject({ id: market.id });

  const [position] = (await alpaca.getPositions()) as Record<string, string>[];
  expect(position).toMatchObject({ symbol: 'BTCUSDT', side: 'long', qty: '0.6', asset_class: 'crypto', exchange: 'BINANCE', qty_available: '0.2' }); // 0.2 held by the trailing stop, 0.1 by each bracket exit
  // The market moves between the two calls: the price fields may differ, the holding may not.
  const { symbol, qty, avg_entry_price, cost_basis } = position!;
  expect(await alpaca.getPosition('BTCUSDT')).toMatchObject({ symbol, qty, avg_entry_price, cost_basis });

  // Closing the position cancels its symbol's working orders, then sells the whole of it at the market.
  const close = (await alpaca.closePosition('BTCUSDT')) as Order;
  expect(close).toMatchObject({ symbol: 'BTCUSDT', side: 'sell', type: 'market', qty: '0.6' });
  await filled(close.id);
  expect(await alpaca.getPositions()).toEqual([]);
  for (const o of [stop, stopLimit, trailing, ...legs]) expect(((await heard('canceled', o.id)) as Update).order.status).toBe('canceled');
  expect((await heard('fill', close.id)).position_qty).toBe('0');

  const after = await alpaca.getAccount();
  expect(Number(after.cash)).toBe(Number(after.equity)); // flat: all cash
  expect(Number(after.cash)).not.toBe(1_000_000); // bought at one price, sold at another, fees or not

  const history = await alpaca.getPortfolioHistory({ period: '1D', timeframe: '1H' } as HistoryQuery);
  expect(history).toMatchObject({ timeframe: '1H', base_value: 1_000_000 });
  expect(history.timestamp).toHaveLength(24);
  expect(history.equity.at(-1)).toBeCloseTo(Number(after.equity), 6);
  expect(history.profit_loss.at(-1)).toBeCloseTo(Number(after.equity) - 1_000_000, 6);

  const clock = await alpaca.getClock();
  expect(typeof clock.is_open).toBe('boolean');
  expect(Date.parse(clock.next_open)).toBeGreaterThan(Date.parse(clock.timestamp));
}, 120_000);
