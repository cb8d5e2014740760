import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_KINDS } from '../account/start.ts';
import type { CommandReply } from '../account/messages.ts';
import type { SignalMsg } from '../strategy/messages.ts';
import { ActorSystem, address, type Message } from '../../engine/index.ts';
import { waitFor } from '../../engine/testing/harness.ts';
import { feedTopic, tickTopic } from '../../market/topics.ts';
import { webhooksSchema, type WebhookInput } from '../../notify/config.ts';
import { DrawdownWatch } from '../../notify/drawdown-watch.ts';
import type { DiscordMessage } from '../../notify/format.ts';
import { webhookServer, type WebhookReply, type WebhookServer } from '../../notify/testing/webhook-server.ts';
import { topic } from '../../engine/names.ts';
import { Registry } from '../../api/metrics/registry.ts';
import { NOTIFIER, NOTIFY_KINDS, startNotifications, type NotifierView } from './index.ts';

const T0 = Date.UTC(2021, 3, 14, 12);
const MINUTE = 60_000;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A real system (two workers, live clock) with paper accounts and the notifier, and local endpoints recording what they get. */
async function start(endpoints: { name: string; reply?: (i: number) => WebhookReply; config?: Partial<WebhookInput> }[], accounts = ['acc_1']) {
  const dir = mkdtempSync(join(tmpdir(), 'tickflow-notify-'));
  const servers: Record<string, WebhookServer> = {};
  for (const e of endpoints) servers[e.name] = webhookServer((_r, i) => e.reply?.(i) ?? { status: 204 });
  const system = await ActorSystem.start({ workers: 2, behaviours: [...NOTIFY_KINDS, ...ACCOUNT_KINDS] });
  cleanup.push(async () => {
    await system.shutdown();
    for (const s of Object.values(servers)) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  for (const id of accounts) system.spawn('account', id, { accountId: id, db: join(dir, 'accounts.db'), cash: 100_000 });
  const webhooks = endpoints.map((e) => ({ name: e.name, url: `${servers[e.name]!.url}/hooks/${e.name}/token`, rate: { perSecond: 100, burst: 1_000 }, backoff: { baseMs: 20, maxMs: 100 }, ...e.config }));
  system.spawn('notifier', 'main', { webhooks });
  await system.settle();
  const open = (id: string) => system.spawn('account', id, { accountId: id, db: join(dir, 'accounts.db'), cash: 100_000 });
  // The last print, which the edge would pass with a submit for a symbol the account does not follow yet.
  let last = { price: 0, time: 0 };
  const tick = (price: number, time: number) => {
    last = { price, time };
    system.publish(tickTopic('BTCUSDT'), { type: 'tick', symbol: 'BTCUSDT', time, price, qty: 1 });
  };
  const submit = (account: string, order: object) =>
    system.ask<CommandReply>(address('account', account), { type: 'submit', order: { symbol: 'BTCUSDT', side: 'buy', type: 'market', time_in_force: 'gtc', ...order }, price: last.price, time: last.time });
  const view = () => system.ask<NotifierView>(NOTIFIER, { type: 'view' });
  // Taken by the endpoint and counted by the notifier: the server records a request before its answer is back.
  const received = (name: string, n: number) => waitFor(`${n} notifications taken at ${name}`, async () => (await view()).endpoints.find((e) => e.name === name)!.sent >= n, 15_000);
  return { system, servers, tick, submit, view, received, open };
}

const discord = (s: WebhookServer) => s.requests.map((r) => r.body as DiscordMessage);

/** A signal as the strategy actor publishes it (typed by its own message type, so a change there shows here). */
const signal = (status: SignalMsg['status']): Message => ({
  type: 'signal',
  strategyId: 'sma-1',
  clientOrderId: 'sma-1:BTCUSDT:1h:c1618401600000:0',
  time: T0,
  symbol: 'BTCUSDT',
  side: 'buy',
  qty: 1,
  orderType: 'market',
  limitPrice: null,
  stopPrice: null,
  timeInForce: 'gtc',
  reason: 'SMA(10) crossed above SMA(30)',
  trigger: 'candle',
  price: 60_000,
  status,
  note: null,
} satisfies SignalMsg);

describe('the notifier', () => {
  test('fills, risk rejections, signals and feed transitions reach each endpoint its filter takes, as Discord or plain JSON', async () => {
    const m = await start([{ name: 'discord' }, { name: 'risk-json', config: { events: ['risk'], format: 'json' } }]);
    m.tick(60_000, T0);
    expect((await m.submit('acc_1', { qty: '1', client_order_id: 'a' })).ok).toBe(true);
    m.tick(60_010, T0 + 1_000); // fills the market order
    const refused = await m.submit('acc_1', { qty: '100', client_order_id: 'b' }); // 6M with 100k: pre-trade risk says no
    expect(refused).toMatchObject({ ok: true, order: { status: 'rejected' } });
    m.system.publish(topic('signal', 'sma-1'), signal('sent'));
    m.system.publish(topic('signal', 'sma-1'), signal('filled')); // the same decision again, moved on: not news
    m.system.publish(feedTopic('binance'), { type: 'feed', name: 'binance', state: 'backoff', reconnects: 1, lastLoss: null });
    m.system.publish(feedTopic('binance'), { type: 'feed', name: 'binance', state: 'backoff', reconnects: 2, lastLoss: null });
    m.system.publish(feedTopic('binance'), { type: 'feed', name: 'binance', state: 'open', reconnects: 2, lastLoss: null });
    m.system.publish(feedTopic('yahoo'), { type: 'feed', name: 'yahoo', state: 'backing-off', failing: ['AAPL'], lastError: 'AAPL: HTTP 500' });

    await m.received('discord', 6);
    await m.received('risk-json', 4);
    expect(discord(m.servers['discord']!).map((g) => g.embeds[0]!.footer.text).sort()).toEqual(['feed_down', 'feed_down', 'feed_up', 'fill', 'order_rejected', 'signal']);
    const byKind = Object.fromEntries(discord(m.servers['discord']!).map((g) => [g.embeds[0]!.footer.text + (g.embeds[0]!.title.includes('yahoo') ? '-yahoo' : ''), g]));
    expect(byKind['fill']).toMatchObject({
      username: 'Tickflow',
      content: 'acc_1: buy 1 BTCUSDT at 60010; position now 1',
      embeds: [{ title: 'Fill: buy BTCUSDT', color: 0x2ecc71, timestamp: new Date(T0 + 1_000).toISOString() }],
    });
    expect(byKind['fill']!.embeds[0]!.fields).toContainEqual({ name: 'price', value: '60010', inline: true });
    expect(byKind['order_rejected']!.content).toBe('acc_1: pre-trade risk rejected buy 100 BTCUSDT');
    expect(byKind['signal']!.content).toBe('sma-1 decided to buy 1 BTCUSDT (market, last 60000): SMA(10) crossed above SMA(30)');
    expect(byKind['feed_down']!.content).toBe('feed binance is backoff');
    expect(byKind['feed_up']!.content).toBe('feed binance is open');
    expect(byKind['feed_down-yahoo']!.content).toBe('feed yahoo is backing-off: AAPL: HTTP 500');

    const plain = m.servers['risk-json']!.requests.map((r) => r.body as { event: string; summary: string });
    expect(plain.map((p) => p.event).sort()).toEqual(['feed_down', 'feed_down', 'feed_up', 'order_rejected']);
    expect(plain.find((p) => p.event === 'order_rejected')).toMatchObject({ accountId: 'acc_1', symbol: 'BTCUSDT', side: 'buy', qty: '100', time: expect.any(String) });
    const v = await m.view();
    expect(v.heard).toEqual({ fill: 1, order_rejected: 1, signal: 1, feed_down: 2, feed_up: 1 });
    expect(v.endpoints.map((e) => [e.name, e.sent, e.failed, e.dropped])).toEqual([['discord', 6, 0, 0], ['risk-json', 4, 0, 0]]);
    expect(JSON.stringify(v)).not.toContain('token');
  });

  test('an endpoint failing (500s, a 429 with retry_after) and one that never answers hold up neither the accounts nor the other endpoints', async () => {
    let release = () => {};
    const stuck = new Promise<void>((r) => (release = r));
    const m = await start([
      { name: 'flaky', reply: (i) => (i < 2 ? { status: 500 } : i === 2 ? { status: 429, body: '{"retry_after":0.05,"global":false}' } : { status: 204 }) },
      { name: 'slow', reply: () => ({ hold: stuck }), config: { queue: 5, timeoutMs: 60_000 } },
      { name: 'healthy' },
    ]);
    m.tick(60_000, T0);
    // Twenty fills while one endpoint is stuck: each order is acknowledged, and each fill told.
    for (let k = 0; k < 20; k++) {
      const reply = await m.submit('acc_1', { qty: '0.01', client_order_id: `o-${k}` });
      expect(reply.ok).toBe(true);
      m.tick(60_000 + k, T0 + (k + 1) * 1_000);
    }
    await m.system.settle(); // every actor idle: nothing waits on the stuck endpoint
    await m.received('healthy', 20);
    await m.received('flaky', 20);
    const flaky = m.servers['flaky']!;
    // In order, each once, after the retries: the first fill was sent 4 times (500, 500, 429, 204).
    expect(flaky.requests.slice(0, 4).map((r) => (r.body as DiscordMessage).content)).toEqual(new Array(4).fill('acc_1: buy 0.01 BTCUSDT at 60000; position now 0.01'));
    const v = await m.view();
    const stats = Object.fromEntries(v.endpoints.map((e) => [e.name, e]));
    expect(stats['flaky']).toMatchObject({ sent: 20, retries: 3, rateLimited: 1, failed: 0, dropped: 0, state: 'idle' });
    expect(stats['healthy']).toMatchObject({ sent: 20, failed: 0, dropped: 0 });
    // The slow one holds its first request; its queue keeps the newest 5, the others dropped and counted.
    expect(stats['slow']).toMatchObject({ state: 'sending', sent: 0, pending: 5, dropped: 15 });
    release();
    await m.received('slow', 5);
  });

  test('drawdown: an account falling past the threshold is told once, again only after it recovers', async () => {
    const m = await start([{ name: 'ops', config: { events: ['drawdown'] } }]);
    const watch = new DrawdownWatch({ system: m.system, accounts: () => ['acc_1'], threshold: 0.05 });
    m.tick(50_000, T0);
    await m.submit('acc_1', { qty: '1', client_order_id: 'long' });
    m.tick(50_000, T0 + MINUTE); // filled: 50k cash, 1 BTC
    const at = async (price: number, minute: number) => {
      m.tick(price, T0 + minute * MINUTE);
      await m.system.settle();
      return watch.check();
    };
    expect(await at(48_000, 2)).toEqual([]); // 2% down
    const [first] = await at(44_000, 3); // 6% below the 100k high
    expect(first).toMatchObject({ type: 'risk', kind: 'drawdown', accountId: 'acc_1', threshold: 0.05, equity: 94_000, peak: 100_000, at: T0 + 3 * MINUTE });
    expect(first!.drawdown).toBeCloseTo(0.06, 2);
    expect(await at(40_000, 4)).toEqual([]); // deeper, but already told
    expect(await at(49_000, 5)).toEqual([]); // 1% below: re-armed
    expect(await at(45_000, 6)).toHaveLength(1);
    await m.received('ops', 2);
    const told = discord(m.servers['ops']!);
    expect(told.map((t) => t.embeds[0]!.footer.text)).toEqual(['drawdown', 'drawdown']);
    expect(told[0]!.content).toMatch(/^acc_1 is 6\.\d\d% below its high \(100000 → 94000\), past the 5\.00% alert$/);
  });

  test('an account opened after the notifier is heard from its first fill; bad props are refused', async () => {
    const m = await start([{ name: 'ops', config: { events: ['fill'] } }], []);
    m.open('acc_2');
    m.tick(100, T0);
    await m.submit('acc_2', { qty: '1', client_order_id: 'x' });
    m.tick(101, T0 + 1_000);
    await m.received('ops', 1);
    expect(discord(m.servers['ops']!)[0]!.content).toBe('acc_2: buy 1 BTCUSDT at 101; position now 1');
    // Props cross a worker boundary: refused there with the reason, and the worker lives on.
    const events: { type: string; reason?: string }[] = [];
    m.system.onEvent((e) => void events.push(e as { type: string; reason?: string }));
    m.system.spawn('notifier', 'bad', { webhooks: [{ url: 'ftp://x/secret' }] });
    const failed = (await waitFor('the refusal', () => events.find((e) => e.type === 'spawn-failed')))!;
    expect(failed.reason).toContain('url must be an http:// or https:// URL');
    expect(failed.reason).not.toContain('secret');
    expect((await m.view()).heard).toEqual({ fill: 1 });
  });

  test('startNotifications (main.ts): the notifier on the configured webhooks, and its deliveries in /metrics; nothing without webhooks', async () => {
    const server = webhookServer();
    const system = await ActorSystem.start({ workers: 1, behaviours: [...NOTIFY_KINDS, ...ACCOUNT_KINDS] });
    cleanup.push(async () => {
      await system.shutdown();
      await server.stop();
    });
    expect(startNotifications({ system, webhooks: [], drawdownAlert: 0.1, accounts: () => [] })).toBeDefined();
    await system.settle();
    expect((await system.introspect()).workers.flatMap((w) => w.actors.map((a) => a.address))).toEqual([]);

    const metrics = new Registry();
    const [webhook] = webhooksSchema.parse([{ name: 'ops', url: `${server.url}/hook` }]);
    const n = startNotifications({ system, webhooks: [webhook!], drawdownAlert: 0.1, accounts: () => [], metrics });
    cleanup.push(async () => n.stop());
    await system.settle();
    system.publish(feedTopic('fred'), { type: 'feed', name: 'fred', state: 'missing-api-key', failing: [], lastError: null });
    await waitFor('the notification taken', async () => (await system.ask<NotifierView>(NOTIFIER, { type: 'view' })).endpoints[0]!.sent === 1);
    const text = await metrics.expose();
    expect(text).toContain('tickflow_webhook_sent_total{endpoint="ops"} 1');
    expect(text).toContain('tickflow_webhook_failed_total{endpoint="ops"} 0');
    expect(text).toContain('tickflow_webhook_pending{endpoint="ops"} 0');
  });
});
