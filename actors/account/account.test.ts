import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActorSystem, address, topicPattern } from '../../engine/index.ts';
import { tickTopic } from '../../market/topics.ts';
import { AccountLog } from '../../storage/sqlite/account-log.ts';
import type { CommandReply, TradeUpdateMsg } from './messages.ts';
import type { AccountView, PositionView } from './views.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-account-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KINDS = [new URL('./index.ts', import.meta.url).href];
const T0 = Date.UTC(2021, 3, 1);
const ACC = address('account', 'acc_7');
type View = { account: AccountView; positions: PositionView[]; orders: { id: string; status: string }[] };

async function start(db: string, snapshotEvery = 1_000) {
  const system = await ActorSystem.start({ workers: 2, behaviours: KINDS, clock: 'sim', simStart: T0 });
  const updates: TradeUpdateMsg[] = [];
  system.subscribe(topicPattern('trade.acc_7'), (m) => void updates.push(m as TradeUpdateMsg));
  system.spawn('account', 'acc_7', { accountId: 'acc_7', db, cash: 10_000, config: { match: { fees: { makerBps: 0, takerBps: 10 } } }, snapshotEvery });
  const tick = async (price: number, time: number) => {
    system.publish(tickTopic('BTCUSDT'), { type: 'tick', symbol: 'BTCUSDT', time, price, qty: 5 });
    await system.settle();
  };
  const ask = <R>(msg: { type: string; [k: string]: unknown }) => system.ask<R>(ACC, msg);
  return { system, updates, tick, ask };
}

const order = (extra: object) => ({ symbol: 'BTCUSDT', side: 'buy', type: 'market', time_in_force: 'gtc', qty: '2', ...extra });

test('orders fill on published ticks; a new system on the same file recovers the account exactly and fills nothing twice', async () => {
  const db = join(dir, 'acc.db');
  const a = await start(db, 3);
  const submitted = await a.ask<CommandReply>({ type: 'submit', order: order({ client_order_id: 'c-1' }), price: 100 });
  expect(submitted).toMatchObject({ ok: true, duplicate: false, order: { status: 'new', client_order_id: 'c-1', qty: '2' } });
  // Acknowledged means logged: the event is in the file before the answer came back.
  const onDisk = AccountLog.open(db, 'acc_7');
  expect(onDisk.readSince(0).map((e) => (e.event as { type: string }).type)).toEqual(['opened', 'accepted']);
  onDisk.close();

  await a.tick(101, T0 + 1_000);
  await a.ask({ type: 'submit', order: order({ type: 'limit', limit_price: '95', client_order_id: 'c-2' }) });
  await a.tick(97, T0 + 2_000);
  const again = await a.ask<CommandReply>({ type: 'submit', order: order({ client_order_id: 'c-1' }) });
  expect(again).toMatchObject({ ok: true, duplicate: true, order: { status: 'filled', filled_avg_price: '101' } });
  const before = await a.ask<View>({ type: 'view' });
  expect(before.account).toMatchObject({ cash: 10_000 - 202 - 0.202, feesPaid: 0.202, fills: 1, equity: 10_000 - 0.202 - 8 });
  expect(before.positions).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', qty: 2, avgEntryPrice: 101, currentPrice: 97 })]);
  expect(before.orders.map((o) => o.status)).toEqual(['new']);
  expect(a.updates.map((u) => `${u.event}:${u.order.client_order_id}`)).toEqual(['new:c-1', 'fill:c-1', 'new:c-2']);
  expect(a.updates[1]).toMatchObject({ price: 101, qty: 2, positionQty: 2 });
  const all = await a.ask<unknown[]>({ type: 'orders', status: 'all' });
  await a.system.shutdown();
  const log = AccountLog.open(db, 'acc_7');
  expect(log.latestSnapshot()!.seq).toBeGreaterThan(0); // so recovery below is snapshot + tail
  expect(log.lastSeq()).toBeGreaterThan(log.latestSnapshot()!.seq);
  log.close();

  const b = await start(db, 3);
  const after = await b.ask<View>({ type: 'view' });
  expect(after.account).toEqual({ ...before.account, equity: 10_000 - 0.202 - 8 }); // valued at the book's last price until a tick comes
  expect(await b.ask({ type: 'orders', status: 'all' })).toEqual(all);
  expect(await b.ask({ type: 'orderByClientId', clientOrderId: 'c-2' })).toMatchObject({ status: 'new', limit_price: '95' });
  // The same tick again (a replay re-delivering) and an older one: nothing fills twice.
  await b.tick(97, T0 + 1_000);
  expect((await b.ask<View>({ type: 'view' })).account.fills).toBe(1);
  await b.tick(94, T0 + 3_000);
  const filled = await b.ask<View>({ type: 'view' });
  expect(filled.account).toMatchObject({ fills: 2, cash: 10_000 - 202 - 0.202 - 190 });
  expect(filled.positions[0]).toMatchObject({ qty: 4, avgEntryPrice: 98 });
  await b.ask({ type: 'view' }); // a main-thread listener hears a publish a round after it was made
  expect(b.updates.map((u) => u.event)).toEqual(['fill']);
  await b.system.shutdown();
});

test('cancel and close position answer after logging; refusals answer with their reasons', async () => {
  const db = join(dir, 'close.db');
  const a = await start(db);
  await a.ask({ type: 'submit', order: order({}), price: 100 });
  await a.tick(100, T0 + 1_000);
  await a.ask({ type: 'submit', order: order({ side: 'sell', type: 'limit', limit_price: '120', qty: '1' }) });
  expect(await a.ask({ type: 'cancel', orderId: 'nope' })).toEqual({ ok: false, code: 'not_found', message: 'order nope not found' });
  expect(await a.ask({ type: 'submit', order: order({ qty: '1000' }) })).toMatchObject({ ok: true, order: { status: 'rejected' }, rejection: { code: 'insufficient_buying_power' } });
  const closed = await a.ask<CommandReply>({ type: 'closePosition', symbol: 'BTCUSDT' });
  expect(closed).toMatchObject({ ok: true, canceled: ['acc_7-0000000002'], order: { side: 'sell', qty: '2', status: 'new' } });
  await a.tick(110, T0 + 2_000);
  const v = await a.ask<View>({ type: 'view' });
  expect(v.positions).toEqual([]);
  expect(v.account).toMatchObject({ realizedPnl: 20, cash: 10_000 + 20 - 0.2 - 0.22 });
  await a.system.shutdown();
  const log = AccountLog.open(db, 'acc_7');
  expect(log.readSince(0).map((e) => (e.event as { type: string }).type)).toEqual(['opened', 'accepted', 'tick', 'accepted', 'rejected', 'cancel_requested', 'accepted', 'tick']);
  log.close();
});

test('replace answers after logging; the stream says replaced then new; orders carry the market time a submit brings', async () => {
  const db = join(dir, 'replace.db');
  const a = await start(db);
  // A replayed market: its prints carry 2019 times while the clock says 2021. The order is stamped with the market's time.
  const MARKET = Date.UTC(2019, 0, 2);
  const placed = await a.ask<CommandReply>({ type: 'submit', order: order({ type: 'limit', limit_price: '90', qty: '1' }), price: 100, time: MARKET, assetClass: 'us_equity' });
  expect(placed).toMatchObject({ ok: true, order: { created_at: new Date(MARKET).toISOString(), asset_class: 'us_equity', asset_id: 'us_equity:BTCUSDT' } });
  const replaced = await a.ask<CommandReply>({ type: 'replace', orderId: 'acc_7-0000000001', patch: { limit_price: '95' } });
  expect(replaced).toMatchObject({ ok: true, order: { id: 'acc_7-0000000002', replaces: 'acc_7-0000000001', limit_price: '95', status: 'new' } });
  const log = AccountLog.open(db, 'acc_7');
  expect(log.readSince(0).map((e) => (e.event as { type: string }).type)).toEqual(['opened', 'accepted', 'replaced']);
  log.close();
  expect(await a.ask({ type: 'replace', orderId: 'acc_7-0000000001', patch: { qty: 2 } })).toEqual({ ok: false, code: 'not_replaceable', message: 'order acc_7-0000000001 is replaced and cannot be replaced' });
  await a.tick(94, MARKET + 1_000); // a print of the replayed market fills the replacement
  expect(await a.ask({ type: 'order', id: 'acc_7-0000000002' })).toMatchObject({ status: 'filled', filled_avg_price: '94' });
  await a.ask({ type: 'view' });
  expect(a.updates.map((u) => `${u.event}:${u.order.id}`)).toEqual(['new:acc_7-0000000001', 'replaced:acc_7-0000000001', 'new:acc_7-0000000002', 'fill:acc_7-0000000002']);
  await a.system.shutdown();
});
