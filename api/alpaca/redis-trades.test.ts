import { afterAll, beforeAll, expect, test } from 'bun:test';
import { Redis } from 'ioredis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServer } from '../../storage/redis/testing/redis-server.ts';
import { redisNames } from '../bus/redis-names.ts';
import { startMain } from '../testing/start-main.ts';
import { ADMIN_KEY, keyedClient, lastPrice, waitFor, type Credentials } from './testing.ts';

// An account's trade updates (`trade.<account>`) reach Redis with the engine's other topics, so
// another process (an edge, a notifier, a dashboard's backend) hears every order event.

let redis: RedisServer;
let main: Awaited<ReturnType<typeof startMain>>;

beforeAll(async () => {
  redis = await startRedisServer();
  main = await startMain(['--speed', '600'], { REDIS_URL: redis.url, ADMIN_KEY, MODELS_DIR: 'none', RATE_LIMIT_PER_SEC: '0', TICKFLOW_DB: join(mkdtempSync(join(tmpdir(), 'tickflow-trades-')), 'main.db') });
}, 60_000);

afterAll(async () => {
  if (main?.child.exitCode === null) {
    main.child.kill('SIGTERM');
    await main.child.exited;
  }
  await redis?.dispose();
});

test('trade updates are bridged to Redis: published on tickflow:trade.<account>, the last one kept in tickflow:last', async () => {
  const made = await fetch(new URL('api/admin/accounts', main.url), { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'bridged', cash: 100_000 }) });
  const key = (await made.json()) as Credentials;
  const names = redisNames();
  const sub = new Redis(redis.url);
  const heard: { event: string; order: { id: string; status: string } }[] = [];
  await sub.subscribe(names.channel(`trade.${key.account_id}`));
  sub.on('message', (_channel, message) => heard.push(JSON.parse(message)));
  try {
    const price = await lastPrice(main.url, 'BTCUSDT');
    const placed = (await keyedClient(main.url.replace(/\/$/, ''), key)('POST', '/v2/orders', { symbol: 'BTCUSDT', qty: '0.01', side: 'buy', type: 'limit', time_in_force: 'gtc', limit_price: String(Math.round(price / 2)) })).body as { id: string };
    const update = await waitFor('the trade update on Redis', () => heard.find((u) => u.order.id === placed.id));
    expect(update).toMatchObject({ type: 'trade_update', event: 'new', order: { id: placed.id, status: 'new' } });
    const reader = new Redis(redis.url);
    const last = await reader.hget(names.lastValues, `trade.${key.account_id}`);
    reader.disconnect();
    expect(JSON.parse(last!)).toMatchObject({ event: 'new', order: { id: placed.id } });
  } finally {
    sub.disconnect();
  }
}, 60_000);
