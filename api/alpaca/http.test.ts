import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ADMIN_KEY, cliCreateAccount, keyedClient, lastPrice, startTradingServer, waitFor, type Credentials, type TradingServer } from './testing.ts';

// Alpaca's API, spoken to directly over HTTP: what its clients never send (wrong keys, bad
// bodies, someone else's order ids) and what a client relies on (error shapes, idempotency).

let server: TradingServer;
let alice: Credentials;
let bob: Credentials;
/** Trades stocks only: an account's time follows the market it hears, and the replayed stocks are 2013–2018, the pairs 2021. */
let dave: Credentials;
type Json = Record<string, any>;

const admin = (method: string, body?: object, key = ADMIN_KEY) =>
  fetch(`${server.base}/api/admin/accounts`, { method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

beforeAll(async () => {
  server = await startTradingServer();
  const made = async (name: string) => {
    const res = await admin('POST', { name, cash: 100_000 });
    expect(res.status).toBe(201);
    return (await res.json()) as Credentials;
  };
  alice = await made('alice');
  bob = await made('bob');
  dave = await made('dave');
  await lastPrice(server.url, 'BTCUSDT'); // orders are priced at the market's last print: wait for one
}, 60_000);

afterAll(async () => {
  if (server.child.exitCode === null) await server.stop();
});

const order = (extra: object = {}) => ({ symbol: 'BTCUSDT', qty: '0.01', side: 'buy', type: 'market', time_in_force: 'gtc', ...extra });

describe('keys', () => {
  test('no key pair is a 401, a wrong secret or an unknown key id a 403, each in Alpaca’s shape', async () => {
    const bare = await fetch(`${server.base}/v2/account`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ code: 40110000, message: 'request is not authorized: send APCA-API-KEY-ID and APCA-API-SECRET-KEY' });
    const onlyId = await fetch(`${server.base}/v2/account`, { headers: { 'APCA-API-KEY-ID': alice.key_id } });
    expect(onlyId.status).toBe(401);
    const forbidden = { code: 40310000, message: 'forbidden: the key id and secret do not match an account' };
    expect(await keyedClient(server.base, { key_id: alice.key_id, secret: bob.secret })('GET', '/v2/account')).toEqual({ status: 403, body: forbidden });
    expect(await keyedClient(server.base, { key_id: 'PKNOBODYHOLDSTHIS000', secret: alice.secret })('GET', '/v2/orders')).toEqual({ status: 403, body: forbidden });
    // The right pair, before and after a wrong one: the cache of verified pairs does not take a wrong secret for the right one.
    expect((await keyedClient(server.base, alice)('GET', '/v2/account')).body).toMatchObject({ id: alice.account_id, cash: '100000' });
  });

  test('a key reaches its own account only: another account’s orders are 404 to read, cancel or replace', async () => {
    const asAlice = keyedClient(server.base, alice);
    const asBob = keyedClient(server.base, bob);
    const placed = await asAlice('POST', '/v2/orders', order({ type: 'limit', limit_price: '1000', client_order_id: 'alice-secret-order' }));
    expect(placed.status).toBe(200);
    const id = (placed.body as { id: string }).id;
    const notFound = { code: 40410000, message: 'order not found' };
    expect(await asBob('GET', `/v2/orders/${id}`)).toEqual({ status: 404, body: notFound });
    expect(await asBob('DELETE', `/v2/orders/${id}`)).toEqual({ status: 404, body: notFound });
    expect(await asBob('PATCH', `/v2/orders/${id}`, { limit_price: '2000' })).toMatchObject({ status: 404, body: { code: 40410000 } });
    expect(await asBob('GET', '/v2/orders:by_client_order_id?client_order_id=alice-secret-order')).toEqual({ status: 404, body: notFound });
    expect((await asBob('GET', '/v2/orders?status=all')).body).toEqual([]);
    // Alice's order is untouched by all that, and cancels for her.
    expect((await asAlice('GET', `/v2/orders/${id}`)).body).toMatchObject({ status: 'new', limit_price: '1000' });
    expect(await asAlice('DELETE', `/v2/orders/${id}`)).toEqual({ status: 204, body: null });
    expect(await asAlice('DELETE', `/v2/orders/${id}`)).toEqual({ status: 422, body: { code: 40010001, message: `order ${id} is canceled and cannot be canceled` } });
  });
});

describe('orders', () => {
  const asAlice = () => keyedClient(server.base, alice);

  test('an invalid order is a 422 naming every field at fault; nothing is made', async () => {
    const before = ((await asAlice()('GET', '/v2/orders?status=all&limit=500')).body as unknown[]).length;
    expect(await asAlice()('POST', '/v2/orders', order({ type: 'limit' }))).toEqual({ status: 422, body: { code: 40010001, message: 'limit_price is required for limit orders' } });
    expect(await asAlice()('POST', '/v2/orders', order({ qty: '-1', side: 'hold' }))).toEqual({
      status: 422,
      body: { code: 40010001, message: 'qty must not be negative, got "-1"; side must be one of buy, sell, got "hold"' },
    });
    expect(await asAlice()('POST', '/v2/orders', order({ time_in_force: 'opg' }))).toEqual({ status: 422, body: { code: 40010001, message: 'time_in_force opg is not supported: Tickflow runs no opening or closing auction; use day, gtc, ioc or fok' } });
    expect(await asAlice()('POST', '/v2/orders', order({ symbol: 'DOGEUSD' }))).toEqual({ status: 422, body: { code: 40010001, message: 'asset "DOGEUSD" not found' } });
    expect(await asAlice()('POST', '/v2/orders', order({ symbol: 'UNRATE' }))).toEqual({ status: 422, body: { code: 40010001, message: 'asset UNRATE is not tradable: it is a macro series' } });
    expect(await asAlice()('POST', '/v2/orders', [order()])).toEqual({ status: 422, body: { code: 40010001, message: 'an order must be a JSON object, got an array' } });
    expect(((await asAlice()('GET', '/v2/orders?status=all&limit=500')).body as unknown[]).length).toBe(before);
  });

  test('a body that is not JSON is a 400, Alpaca’s "request body format is invalid"', async () => {
    for (const body of ['{"symbol": "BTCUSDT",', '', 'qty=1']) {
      const res = await asAlice()('POST', '/v2/orders', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 40010000, message: expect.stringMatching(/^request body format is invalid: /) });
    }
    expect(await asAlice()('PATCH', '/v2/orders/whatever', '{nope')).toMatchObject({ status: 400, body: { code: 40010000 } });
  });

  test('a retried submit with the same client_order_id answers the first order and makes no second one', async () => {
    const body = order({ type: 'limit', limit_price: '1000', client_order_id: 'retry-me' });
    const first = await asAlice()('POST', '/v2/orders', body);
    const again = await asAlice()('POST', '/v2/orders', body);
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    const all = (await asAlice()('GET', '/v2/orders?status=all&limit=500')).body as { client_order_id: string }[];
    expect(all.filter((o) => o.client_order_id === 'retry-me')).toHaveLength(1);
    expect((await asAlice()('GET', '/v2/orders:by_client_order_id?client_order_id=retry-me')).body).toEqual(first.body);
  });

  test('more than the cash buys is a 403 with the reason, and the stream’s rejected order stays readable', async () => {
    const res = await asAlice()('POST', '/v2/orders', order({ qty: '1000' }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 40310000, message: expect.stringMatching(/^insufficient buying power: need [\d,.]+, have [\d,.]+$/) });
    const closed = (await asAlice()('GET', '/v2/orders?status=closed&limit=500')).body as { qty: string; status: string }[];
    expect(closed.filter((o) => o.status === 'rejected').map((o) => o.qty)).toEqual(['1000']);
  });

  test('a filled order cannot be replaced (422); bad query parameters are 422s naming them', async () => {
    const placed = (await asAlice()('POST', '/v2/orders', order())).body as { id: string };
    await waitFor('the market order filled', async () => ((await asAlice()('GET', `/v2/orders/${placed.id}`)).body as { status: string }).status === 'filled' || undefined);
    expect(await asAlice()('PATCH', `/v2/orders/${placed.id}`, { qty: '1' })).toEqual({ status: 422, body: { code: 40010001, message: `order ${placed.id} is filled and cannot be replaced` } });
    expect(await asAlice()('GET', '/v2/orders?status=bogus&limit=0')).toEqual({ status: 422, body: { code: 40010001, message: 'status must be open, closed or all, got "bogus"; limit must be at least 1' } });
    expect(await asAlice()('GET', '/v2/orders:by_client_order_id')).toEqual({ status: 422, body: { code: 40010001, message: 'client_order_id is required' } });
    expect(await asAlice()('GET', '/v2/orders/not%20an%20id')).toEqual({ status: 422, body: { code: 40010001, message: 'order id must be letters, digits, \'_\' or \'-\' (at most 100), got "not an id"' } });
    expect(await asAlice()('DELETE', '/v2/positions/BTCUSDT?qty=1')).toEqual({ status: 422, body: { code: 40010001, message: 'qty is not supported: DELETE /v2/positions/{symbol} closes the whole position' } });
    expect(await asAlice()('GET', '/v2/positions/ETHUSDT')).toEqual({ status: 404, body: { code: 40410000, message: 'position does not exist' } });
    expect(await asAlice()('GET', '/v2/account/portfolio/history?timeframe=2H')).toEqual({ status: 422, body: { code: 40010001, message: 'timeframe must be one of 1Min, 5Min, 15Min, 1H, 1D, got "2H"' } });
    expect(await asAlice()('GET', '/v2/watchlists')).toEqual({ status: 404, body: { code: 40410000, message: 'endpoint not found: GET /v2/watchlists' } });
  });
});

describe('notional orders, fills as activities, group legs replaced, day orders expiring', () => {
  const asAlice = () => keyedClient(server.base, alice);

  test('a notional market buy fills a fractional quantity; its fill is a FILL activity, paged as Alpaca pages them', async () => {
    const placed = await asAlice()('POST', '/v2/orders', { symbol: 'BTC/USDT', notional: '123.45', side: 'buy', type: 'market', time_in_force: 'gtc' });
    expect(placed).toMatchObject({ status: 200, body: { notional: '123.45', qty: null, symbol: 'BTCUSDT' } });
    const id = (placed.body as Json)['id'] as string;
    const filled = await waitFor('the notional order filled', async () => {
      const o = (await asAlice()('GET', `/v2/orders/${id}`)).body as Json;
      return o['status'] === 'filled' ? o : undefined;
    });
    const qty = Number(filled['filled_qty']);
    expect(qty * Number(filled['filled_avg_price'])).toBeLessThanOrEqual(123.45);
    // Short of the money by less than the price of the quantity step (1e-8): the quantity is floored, never rounded up.
    expect(qty * Number(filled['filled_avg_price'])).toBeGreaterThan(123.45 - Number(filled['filled_avg_price']) * 1e-8 - 1e-9);
    expect(filled['filled_qty']).toMatch(/^0\.\d{1,8}$/);

    const fills = (await asAlice()('GET', '/v2/account/activities/FILL')).body as Json[];
    expect(new Set(fills.map((f) => f['id'])).size).toBe(fills.length);
    expect(fills.find((f) => f['order_id'] === id)).toEqual({
      id: expect.stringMatching(/^\d+\.\d+$/),
      activity_type: 'FILL',
      transaction_time: filled['filled_at'],
      type: 'fill',
      price: filled['filled_avg_price'],
      qty: filled['filled_qty'],
      side: 'buy',
      symbol: 'BTCUSDT',
      leaves_qty: '0',
      order_id: id,
      cum_qty: filled['filled_qty'],
      order_status: 'filled',
    });
    const first = (await asAlice()('GET', '/v2/account/activities?activity_types=FILL&direction=asc&page_size=1')).body as Json[];
    const next = (await asAlice()('GET', `/v2/account/activities/FILL?direction=asc&page_size=1&page_token=${first[0]!['id']}`)).body as Json[];
    expect([...first, ...next].map((f) => f['id'])).toEqual([...fills].reverse().slice(0, 2).map((f) => f['id']));
    expect(await asAlice()('GET', '/v2/account/activities/DIV')).toEqual({ status: 200, body: [] });
    expect(await asAlice()('GET', '/v2/account/activities/BOGUS')).toMatchObject({ status: 422, body: { code: 40010001, message: expect.stringContaining('activity type must be an Alpaca activity type') } });
    expect(await asAlice()('GET', '/v2/account/activities/FILL?page_size=500')).toEqual({ status: 422, body: { code: 40010001, message: 'page_size must be at most 100' } });
  });

  test('a bracket’s legs are replaced one at a time, in place; its quantity cannot change; opg is refused with the reason', async () => {
    const price = await lastPrice(server.url, 'BTCUSDT');
    const body = { symbol: 'BTCUSDT', qty: '0.01', side: 'buy', type: 'limit', time_in_force: 'gtc', limit_price: String(Math.round(price * 0.5)), order_class: 'bracket', take_profit: { limit_price: String(Math.round(price * 0.6)) }, stop_loss: { stop_price: String(Math.round(price * 0.4)) } };
    const parent = (await asAlice()('POST', '/v2/orders', body)).body as Json;
    expect(parent['legs'].map((l: Json) => [l['type'], l['status']])).toEqual([['limit', 'held'], ['stop', 'held']]);
    const sl = parent['legs'][1]['id'] as string;
    const newStop = String(Math.round(price * 0.45));
    const moved = await asAlice()('PATCH', `/v2/orders/${sl}`, { stop_price: newStop });
    expect(moved).toMatchObject({ status: 200, body: { replaces: sl, status: 'held', stop_price: newStop, order_class: 'bracket' } });
    const again = (await asAlice()('GET', `/v2/orders/${parent['id']}`)).body as Json;
    expect(again['legs'].map((l: Json) => l['id'])).toEqual([parent['legs'][0]['id'], (moved.body as Json)['id']]);
    expect((await asAlice()('GET', `/v2/orders/${sl}`)).body).toMatchObject({ status: 'replaced', replaced_by: (moved.body as Json)['id'] });
    expect(await asAlice()('PATCH', `/v2/orders/${parent['id']}`, { qty: '0.02' })).toEqual({
      status: 422,
      body: { code: 40010001, message: `qty cannot change on order ${parent['id']}: it belongs to a bracket order, whose exits close what its entry fills; cancel it and submit a new one` },
    });
    expect(await asAlice()('PATCH', `/v2/orders/${parent['id']}`, { time_in_force: 'cls' })).toEqual({
      status: 422,
      body: { code: 40010001, message: 'time_in_force cls is not supported: Tickflow runs no opening or closing auction; use day, gtc, ioc or fok' },
    });
    expect(await asAlice()('DELETE', `/v2/orders/${parent['id']}`)).toEqual({ status: 204, body: null });
  });

  test('a stock day order that does not fill expires at its session’s close, and the clock knows the holidays', async () => {
    const asDave = keyedClient(server.base, dave);
    const price = await lastPrice(server.url, 'AAPL');
    const placed = (await asDave('POST', '/v2/orders', { symbol: 'AAPL', qty: '1', side: 'buy', type: 'limit', time_in_force: 'day', limit_price: String(Math.round(price * 0.5)) })).body as Json;
    expect(placed).toMatchObject({ status: 'new', time_in_force: 'day', asset_class: 'us_equity' });
    const expired = await waitFor('the day order expired', async () => {
      const o = (await asDave('GET', `/v2/orders/${placed['id']}`)).body as Json;
      return o['status'] === 'expired' ? o : undefined;
    });
    // It expired at 16:00 New York time (13:00 on an early close) of a weekday.
    const at = new Date(expired['expired_at']);
    expect([20, 21, 17, 18]).toContain(at.getUTCHours());
    expect([1, 2, 3, 4, 5]).toContain(at.getUTCDay());
    expect(expired['filled_qty']).toBe('0');
  });

  test('the /v2 routes are in /openapi.json, with Alpaca’s shapes', async () => {
    const doc = (await (await fetch(`${server.base}/openapi.json`)).json()) as Json;
    const paths = Object.keys(doc['paths']).filter((p) => p.startsWith('/v2/'));
    expect(paths.sort()).toEqual([
      '/v2/account',
      '/v2/account/activities',
      '/v2/account/activities/{activity_type}',
      '/v2/account/portfolio/history',
      '/v2/clock',
      '/v2/orders',
      '/v2/orders/{id}',
      '/v2/orders:by_client_order_id',
      '/v2/positions',
      '/v2/positions/{symbol}',
    ]);
    expect(Object.keys(doc['paths']['/v2/orders']).sort()).toEqual(['delete', 'get', 'post']);
    expect(doc['paths']['/v2/orders']['post']['tags']).toEqual(['trading']);
    expect(doc['components']['schemas']['AlpacaOrder']['properties']).toHaveProperty('filled_avg_price');
    expect(doc['components']['securitySchemes']).toHaveProperty('alpacaKeyId');
    expect(doc['paths']).toHaveProperty(['/api/accounts/{id}/analytics']);
  });
});

describe('account analytics', () => {
  test('GET /api/accounts/{id}/analytics: the report, equity curve and drawdown from the account, with its own key only', async () => {
    const asAlice = keyedClient(server.base, alice);
    // A round trip: buy, then close the position.
    const bought = (await asAlice('POST', '/v2/orders', order({ qty: '0.02' }))).body as { id: string };
    await waitFor('the buy filled', async () => ((await asAlice('GET', `/v2/orders/${bought.id}`)).body as { status: string }).status === 'filled' || undefined);
    const closing = await asAlice('DELETE', '/v2/positions/BTCUSDT');
    expect(closing.status).toBe(200);
    await waitFor('the close filled', async () => ((await asAlice('GET', `/v2/orders/${(closing.body as { id: string }).id}`)).body as { status: string }).status === 'filled' || undefined);

    const res = await asAlice('GET', `/api/accounts/${alice.account_id}/analytics?timeframe=1Min`);
    expect(res.status).toBe(200);
    const a = res.body as Json;
    expect(a).toMatchObject({ accountId: alice.account_id, timeframe: '1Min', periodsPerYear: 525_600, riskFreeRate: 0, openPositions: [] });
    expect(a['trades']).toBeGreaterThanOrEqual(1);
    expect(a['roundTrips'].length).toBe(a['trades']);
    expect(a['equity'].length).toBeGreaterThan(1);
    expect(a['drawdown'].length).toBe(a['equity'].length);
    expect(a['drawdown'].every((d: Json) => d['drawdown'] >= 0 && d['drawdown'] < 1)).toBe(true);
    for (const k of ['totalReturn', 'winRate', 'exposure']) expect(a[k] === null || typeof a[k] === 'number').toBe(true);
    const account = (await asAlice('GET', '/v2/account')).body as Json;
    expect(a['feesPaid']).toBe(0); // the default account has no fees
    expect(a['equity'].at(-1)['equity']).toBeCloseTo(Number(account['equity']), 6);

    // Someone else's key, no key, a bad parameter: problem details, as the rest of /api.
    const asBob = keyedClient(server.base, bob);
    expect(await asBob('GET', `/api/accounts/${alice.account_id}/analytics`)).toMatchObject({ status: 404, body: { title: 'Unknown account', detail: `no account ${alice.account_id} for this key` } });
    expect((await fetch(`${server.base}/api/accounts/${alice.account_id}/analytics`)).status).toBe(401);
    expect(await asAlice('GET', `/api/accounts/${alice.account_id}/analytics?timeframe=2H`)).toMatchObject({ status: 400, body: { title: 'Invalid request', errors: [{ field: 'timeframe' }] } });
  });
});

describe('trade stream', () => {
  /** A raw WebSocket on /stream, with every frame it gets kept in order. */
  async function connect() {
    const ws = new WebSocket(`${server.base.replace(/^http/, 'ws')}/stream`);
    const frames: { stream: string; data: Record<string, unknown> }[] = [];
    ws.onmessage = (e) => frames.push(JSON.parse(String(e.data)));
    await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
    const next = async (n: number) => waitFor(`${n} frames`, () => (frames.length >= n ? frames.slice(0, n) : undefined));
    return { ws, frames, next, send: (frame: unknown) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)) };
  }

  test('listening needs a key that verifies; malformed frames are answered and change nothing', async () => {
    const c = await connect();
    c.send({ action: 'listen', data: { streams: ['trade_updates'] } });
    c.send('not json');
    c.send({ action: 'subscribe', data: {} });
    c.send({ action: 'authenticate', data: { key_id: alice.key_id, secret_key: bob.secret } });
    expect(await c.next(4)).toEqual([
      { stream: 'authorization', data: { status: 'unauthorized', action: 'listen' } },
      { stream: 'error', data: { error: 'frames must be JSON objects' } },
      { stream: 'error', data: { error: 'action must be authenticate or listen, got "subscribe"' } },
      { stream: 'authorization', data: { status: 'unauthorized', action: 'authenticate' } },
    ]);
    c.ws.close();
  });

  test('a connection hears its own account’s trade updates and no other’s', async () => {
    const c = await connect();
    c.send({ action: 'authenticate', data: { key_id: alice.key_id, secret_key: alice.secret } });
    c.send({ action: 'listen', data: { streams: ['trade_updates', 'account_updates'] } });
    expect(await c.next(2)).toEqual([
      { stream: 'authorization', data: { status: 'authorized', action: 'authenticate' } },
      { stream: 'listening', data: { streams: ['trade_updates'] } },
    ]);
    // Bob's order is published before his answer comes back, so before Alice's order is even sent.
    expect((await keyedClient(server.base, bob)('POST', '/v2/orders', order({ type: 'limit', limit_price: '500' }))).status).toBe(200);
    const mine = (await keyedClient(server.base, alice)('POST', '/v2/orders', order({ type: 'limit', limit_price: '600' }))).body as { id: string };
    const [, , update] = await c.next(3);
    expect(update).toMatchObject({ stream: 'trade_updates', data: { event: 'new', order: { id: mine.id, status: 'new', limit_price: '600' }, timestamp: expect.any(String) } });
    expect(update!.data).not.toHaveProperty('price'); // fill figures come with fills only
    expect(c.frames).toHaveLength(3);
    // An empty list stops the updates.
    c.send({ action: 'listen', data: { streams: [] } });
    await c.next(4);
    await keyedClient(server.base, alice)('DELETE', `/v2/orders/${mine.id}`);
    c.send({ action: 'listen', data: { streams: ['trade_updates'] } }); // answered after anything published before it
    expect((await c.next(5))[4]).toEqual({ stream: 'listening', data: { streams: ['trade_updates'] } });
    c.ws.close();
  });
});

describe('accounts', () => {
  test('the admin routes need the admin key and never list a secret', async () => {
    expect((await admin('GET', undefined, 'not-the-admin-key-at-all')).status).toBe(401);
    const listed = (await (await admin('GET')).json()) as { accounts: Record<string, unknown>[] };
    expect(listed.accounts.map((a) => a['name'])).toEqual(['alice', 'bob', 'dave']);
    expect(JSON.stringify(listed)).not.toContain(alice.secret);
    expect(listed.accounts.every((a) => !('secret' in a) && !('key_id' in a))).toBe(true);
    const bad = await admin('POST', { name: '', cash: -1 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ title: 'Invalid request', errors: [{ field: 'name' }, { field: 'cash' }] });
  });

  test('the CLI will not go around a running server: without ADMIN_KEY, or with a wrong one, nothing is created', async () => {
    const port = new URL(server.url).port;
    const without = await cliCreateAccount(['--name', 'eve', '--cash', '1', '--json'], { PORT: port, TICKFLOW_DB: server.db });
    expect(without).toMatchObject({ code: 1, stdout: '', credentials: null });
    expect(without.stderr).toBe(`tickflow account: a server answers at http://127.0.0.1:${port}: set ADMIN_KEY to create the account through it (written to its database instead, it would not trade until the server restarts)\n`);
    const wrong = await cliCreateAccount(['--name', 'eve', '--cash', '1', '--json', '--url', server.base], { ADMIN_KEY: 'not-the-admin-key-at-all' });
    expect(wrong).toMatchObject({ code: 1, stderr: `tickflow account: the server at ${server.base} refused ADMIN_KEY (401)\n` });
    expect(((await (await admin('GET')).json()) as { accounts: { name: string }[] }).accounts.map((a) => a.name)).toEqual(['alice', 'bob', 'dave']);
  });

  test('after a restart every account trades again from its log; the CLI writes the database when no server runs', async () => {
    const asAlice = keyedClient(server.base, alice);
    const before = (await asAlice('GET', '/v2/orders?status=all&limit=500')).body as { id: string; status: string }[];
    expect(before.length).toBeGreaterThan(0);
    const port = new URL(server.url).port;
    expect(await server.stop()).toBe(0);

    // Nothing listens on the port now: the CLI writes the account into the database itself.
    const offline = await cliCreateAccount(['--name', 'carol', '--cash', '2500.50', '--json'], { PORT: port, TICKFLOW_DB: server.db });
    expect(offline.code).toBe(0);
    expect(offline.stdout.trimEnd().split('\n')).toHaveLength(1);
    const carol = offline.credentials!;
    expect(carol).toEqual({ account_id: expect.any(String), key_id: expect.stringMatching(/^PK[A-Z0-9]{18}$/), secret: expect.stringMatching(/^[A-Za-z0-9]{40}$/) });

    server = await startTradingServer(server.db);
    expect((await keyedClient(server.base, alice)('GET', '/v2/orders?status=all&limit=500')).body).toEqual(before);
    expect((await keyedClient(server.base, carol)('GET', '/v2/account')).body).toMatchObject({ id: carol.account_id, cash: '2500.5' });
  }, 60_000);
});
