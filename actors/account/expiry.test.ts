import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActorSystem, address, topicPattern } from '../../engine/index.ts';
import { tickTopic } from '../../market/topics.ts';
import { AccountLog } from '../../storage/sqlite/account-log.ts';
import { apply } from './apply.ts';
import { accountConfigSchema } from './config.ts';
import { decideExpire, decideSubmit, decideTick, nextExpiry, type Decision } from './decide.ts';
import type { AccountEvent, TradeUpdate } from './events.ts';
import type { CommandReply, TradeUpdateMsg } from './messages.ts';
import { unopened, type AccountState } from './state.ts';

const at = (iso: string) => Date.parse(iso);
const T0 = at('2021-04-14T14:00:00Z'); // a Wednesday, 10:00 in New York

function account(assetClass: 'crypto' | 'us_equity') {
  const s = unopened('acc');
  const log: AccountEvent[] = [];
  const updates: TradeUpdate[] = [];
  const commit = (d: Decision | { ok: true; events: AccountEvent[] }) => {
    if (d.ok) for (const e of d.events) (log.push(e), updates.push(...apply(s, e)));
    return d;
  };
  commit({ ok: true, events: [{ type: 'opened', at: 0, accountId: 'acc', cash: 10_000, config: accountConfigSchema.parse({ assetClass }) }] });
  const tick = (price: number, time: number) => {
    const t = decideTick(s, { symbol: 'X', time, price, size: 100 });
    if (t) (log.push(t.event), updates.push(...apply(s, t.event, t.update)));
  };
  const limit = (tif: string) => ({ symbol: 'X', side: 'buy', type: 'limit', time_in_force: tif, qty: 1, limit_price: 90 });
  return { s, log, updates, commit, tick, limit };
}
const replay = (log: AccountEvent[]): AccountState => {
  const s = unopened('acc');
  for (const e of log) apply(s, e);
  return s;
};

test('a crypto day order expires at 00:00 UTC: a later print expires it before it could fill, and says so', () => {
  const a = account('crypto');
  a.commit(decideSubmit(a.s, { X: 100 }, a.limit('day'), T0));
  a.commit(decideSubmit(a.s, { X: 100 }, a.limit('gtc'), T0));
  expect(a.s.orders['acc-0000000001']!.expires_at).toBe(at('2021-04-15T00:00:00Z'));
  expect(a.s.orders['acc-0000000002']!.expires_at).toBeNull();
  a.tick(95, at('2021-04-14T23:59:59Z'));
  a.tick(89, at('2021-04-15T00:00:30Z')); // would fill both; the day order has expired first
  expect(a.updates.map((u) => `${u.event}:${u.order.id}`)).toEqual(['new:acc-0000000001', 'new:acc-0000000002', 'expired:acc-0000000001', 'fill:acc-0000000002']);
  expect(a.s.orders['acc-0000000001']).toMatchObject({ status: 'expired', expired_at: at('2021-04-15T00:00:00Z'), filled_qty: 0 });
});

test('a stock day order expires at the close of its session with no print after it: the expiry is an event, and replays', () => {
  const a = account('us_equity');
  a.commit(decideSubmit(a.s, { X: 100 }, a.limit('day'), T0));
  const close = at('2021-04-14T20:00:00Z');
  expect(nextExpiry(a.s)).toBe(close);
  expect(decideExpire(a.s, close - 1)).toEqual([]);
  a.commit({ ok: true, events: decideExpire(a.s, close + 3_600_000) });
  expect(a.log.at(-1)).toEqual({ type: 'expired', at: close, symbol: 'X' });
  expect(a.s.orders['acc-0000000001']).toMatchObject({ status: 'expired', expired_at: close });
  expect(a.updates.map((u) => u.event)).toEqual(['new', 'expired']);
  expect(nextExpiry(a.s)).toBeNull();
  expect(JSON.stringify(replay(JSON.parse(JSON.stringify(a.log))))).toBe(JSON.stringify(a.s));

  // Placed after the close, a day order waits for the next session: Thursday's close, and a bracket's legs go with it.
  const b = account('us_equity');
  b.commit(decideSubmit(b.s, { X: 100 }, { ...b.limit('day'), order_class: 'bracket', take_profit: { limit_price: 120 }, stop_loss: { stop_price: 80 } }, close + 1));
  expect(Object.values(b.s.orders).map((o) => o.expires_at)).toEqual([at('2021-04-15T20:00:00Z'), at('2021-04-15T20:00:00Z'), at('2021-04-15T20:00:00Z')]);
  b.commit({ ok: true, events: decideExpire(b.s, at('2021-04-15T20:00:00Z')) });
  expect(b.updates.map((u) => `${u.event}:${u.order.id}`)).toEqual(['new:acc-0000000001', 'expired:acc-0000000001', 'canceled:acc-0000000002', 'canceled:acc-0000000003']);
});

/** Runs simulated time on, once the drain an ask started in the background (engine/system.ts) is over. */
async function runUntil(system: ActorSystem, time: number): Promise<void> {
  for (;;) {
    try {
      return await system.sim!.runUntil(time);
    } catch (e) {
      if (!String(e).includes('already running')) throw e;
      await Bun.sleep(1);
    }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tickflow-expiry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the actor expires a day order on its own timer when no price comes after the session end, and a restart keeps it expired', async () => {
  const db = join(dir, 'timer.db');
  const start = async () => {
    const system = await ActorSystem.start({ workers: 2, behaviours: [new URL('./index.ts', import.meta.url).href], clock: 'sim', simStart: T0 });
    const updates: TradeUpdateMsg[] = [];
    system.subscribe(topicPattern('trade.acc_9'), (m) => void updates.push(m as TradeUpdateMsg));
    system.spawn('account', 'acc_9', { accountId: 'acc_9', db, cash: 10_000 });
    return { system, updates, ask: <R>(msg: { type: string; [k: string]: unknown }) => system.ask<R>(address('account', 'acc_9'), msg) };
  };
  const a = await start();
  const placed = await a.ask<CommandReply>({ type: 'submit', order: { symbol: 'BTCUSDT', side: 'buy', type: 'limit', time_in_force: 'day', qty: '1', limit_price: '90' }, price: 100, time: T0 });
  expect(placed).toMatchObject({ ok: true, order: { status: 'new', time_in_force: 'day' } });
  await runUntil(a.system, T0 + 60_000);
  a.system.publish(tickTopic('BTCUSDT'), { type: 'tick', symbol: 'BTCUSDT', time: T0 + 60_000, price: 95, qty: 1 });
  await a.system.settle();
  // The market falls silent; the simulated clock runs on past midnight UTC.
  await runUntil(a.system, at('2021-04-15T00:00:00Z') - 1);
  expect(await a.ask({ type: 'order', id: 'acc_9-0000000001' })).toMatchObject({ status: 'new' });
  await runUntil(a.system, at('2021-04-15T00:00:01Z'));
  expect(await a.ask({ type: 'order', id: 'acc_9-0000000001' })).toMatchObject({ status: 'expired', expired_at: '2021-04-15T00:00:00.000Z' });
  await a.ask({ type: 'view' }); // a main-thread listener hears a publish a round after it was made
  expect(a.updates.map((u) => u.event)).toEqual(['new', 'expired']);
  await a.system.shutdown();
  const log = AccountLog.open(db, 'acc_9');
  expect(log.readSince(0).map((e) => (e.event as { type: string }).type)).toEqual(['opened', 'accepted', 'tick', 'expired']);
  log.close();

  const b = await start();
  expect(await b.ask({ type: 'order', id: 'acc_9-0000000001' })).toMatchObject({ status: 'expired' });
  await b.system.shutdown();
});

test('a restarted account sets its expiry timer from the log: a day order open at the restart expires when the market’s time reaches its close, not the clock’s', async () => {
  const db = join(dir, 'restart.db');
  const start = async (simStart: number) => {
    const system = await ActorSystem.start({ workers: 1, behaviours: [new URL('./index.ts', import.meta.url).href], clock: 'sim', simStart });
    system.spawn('account', 'acc_r', { accountId: 'acc_r', db, cash: 10_000, config: { assetClass: 'us_equity' } });
    return { system, ask: <R>(msg: { type: string; [k: string]: unknown }) => system.ask<R>(address('account', 'acc_r'), msg) };
  };
  const a = await start(T0);
  await a.ask({ type: 'submit', order: { symbol: 'AAPL', side: 'buy', type: 'limit', time_in_force: 'day', qty: '1', limit_price: '90' }, price: 100, time: T0 });
  await a.system.shutdown();

  // A replayed market: the clock is years past the market's time. The order's close is 6 hours of market away.
  const clock = at('2026-01-05T12:00:00Z');
  const toClose = at('2021-04-14T20:00:00Z') - T0;
  const b = await start(clock);
  await runUntil(b.system, clock + toClose - 1_000);
  expect(await b.ask({ type: 'order', id: 'acc_r-0000000001' })).toMatchObject({ status: 'new' });
  await runUntil(b.system, clock + toClose + 1_000);
  expect(await b.ask({ type: 'order', id: 'acc_r-0000000001' })).toMatchObject({ status: 'expired', expired_at: '2021-04-14T20:00:00.000Z' });
  await b.system.shutdown();
});
