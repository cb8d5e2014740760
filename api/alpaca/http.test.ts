import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ADMIN_KEY, cliCreateAccount, keyedClient, lastPrice, startTradingServer, waitFor, type Credentials, type TradingServer } from './testing.ts';

// Alpaca's API, spoken to directly over HTTP: what its clients never send (wrong keys, bad
// bodies, someone else's order ids) and what a client relies on (error shapes, idempotency).

let server: TradingServer;
let alice: Credentials;
let bob: Credentials;

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
    expect(await asAlice()('POST', '/v2/orders', order({ time_in_force: 'opg' }))).toEqual({ status: 422, body: { code: 40010001, message: 'time_in_force opg is not supported' } });
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
    expect(listed.accounts.map((a) => a['name'])).toEqual(['alice', 'bob']);
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
    expect(((await (await admin('GET')).json()) as { accounts: { name: string }[] }).accounts.map((a) => a.name)).toEqual(['alice', 'bob']);
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
