import { expect, test } from 'bun:test';
import { apply } from './apply.ts';
import { accountConfigSchema } from './config.ts';
import { decideSubmit, decideTick, type Decision } from './decide.ts';
import type { AccountEvent, TradeUpdate } from './events.ts';
import { decideReplace } from './replace.ts';
import { unopened, type AccountState } from './state.ts';
import { ordersView } from './views.ts';

const T0 = Date.UTC(2021, 3, 1);
const MARKS = { BTCUSDT: 100 };

/** An account and its log in memory, deciding then applying as the actor does. */
function account(cash = 10_000) {
  const s = unopened('acc');
  const log: AccountEvent[] = [];
  const updates: TradeUpdate[] = [];
  const commit = (d: Decision) => {
    if (d.ok) for (const e of d.events) (log.push(e), updates.push(...apply(s, e)));
    return d;
  };
  commit({ ok: true, events: [{ type: 'opened', at: T0, accountId: 'acc', cash, config: accountConfigSchema.parse({}) }] });
  const tick = (price: number, time: number, size = 100) => {
    const t = decideTick(s, { symbol: 'BTCUSDT', time, price, size });
    if (t) (log.push(t.event), updates.push(...apply(s, t.event, t.update)));
  };
  return { s, log, updates, commit, tick };
}
const limitBuy = (qty: number, limit: number, extra: object = {}) => ({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', time_in_force: 'gtc', qty, limit_price: limit, ...extra });
const replay = (log: AccountEvent[]): AccountState => {
  const s = unopened('acc');
  for (const e of log) apply(s, e);
  return s;
};

test('a replace makes a new order linked to the old one, which leaves the book replaced; the new one fills', () => {
  const a = account();
  a.commit(decideSubmit(a.s, MARKS, limitBuy(2, 90, { client_order_id: 'mine' }), T0));
  const d = a.commit(decideReplace(a.s, MARKS, 'acc-0000000001', { limit_price: '95', qty: '3' }, T0 + 10));
  expect(d).toMatchObject({ ok: true, orderId: 'acc-0000000002' });
  expect(a.s.orders['acc-0000000001']).toMatchObject({ status: 'replaced', replaced_by: 'acc-0000000002', replaced_at: T0 + 10 });
  expect(a.s.orders['acc-0000000002']).toMatchObject({ status: 'new', replaces: 'acc-0000000001', qty: 3, limit_price: 95, client_order_id: 'acc-0000000002' });
  expect(a.updates.map((u) => `${u.event}:${u.order.id}`)).toEqual(['new:acc-0000000001', 'replaced:acc-0000000001', 'new:acc-0000000002']);
  a.tick(96, T0 + 20);
  a.tick(95, T0 + 30);
  expect(a.s.positions['BTCUSDT']).toMatchObject({ qty: 3, avgEntryPrice: 95 });
  // The old client id still finds the old order; the JSON carries both links, as Alpaca's does.
  expect(a.s.clientIds['mine']).toBe('acc-0000000001');
  expect(ordersView(a.s, { status: 'all' }).map((o) => [o.id, o.status, o.replaces, o.replaced_by])).toEqual([
    ['acc-0000000002', 'filled', 'acc-0000000001', null],
    ['acc-0000000001', 'replaced', null, 'acc-0000000002'],
  ]);
  expect(JSON.parse(JSON.stringify(replay(JSON.parse(JSON.stringify(a.log)))))).toEqual(JSON.parse(JSON.stringify(a.s)));
});

test('what a replace does not name is the old order’s: the unfilled quantity, prices, trail kind', () => {
  const a = account();
  a.commit(decideSubmit(a.s, MARKS, { symbol: 'BTCUSDT', side: 'sell', type: 'trailing_stop', time_in_force: 'gtc', qty: 1, trail_percent: 5 }, T0));
  // A sell trailing stop needs a position to sell: shorting is off, so buy one first.
  expect(a.s.orders['acc-0000000001']!.status).toBe('rejected');
  a.commit(decideSubmit(a.s, MARKS, { symbol: 'BTCUSDT', side: 'buy', type: 'market', time_in_force: 'gtc', qty: 1 }, T0));
  a.tick(100, T0 + 1);
  a.commit(decideSubmit(a.s, MARKS, { symbol: 'BTCUSDT', side: 'sell', type: 'trailing_stop', time_in_force: 'gtc', qty: 1, trail_percent: 5 }, T0 + 2));
  const d = a.commit(decideReplace(a.s, MARKS, 'acc-0000000003', { trail: '2' }, T0 + 3));
  expect(d.ok).toBe(true);
  expect(a.s.orders['acc-0000000004']).toMatchObject({ type: 'trailing_stop', trail_percent: 2, trail_price: null, qty: 1, side: 'sell' });
  a.tick(110, T0 + 4);
  a.tick(107.7, T0 + 5); // 2% under 110 is 107.8: the old 5% stop (104.5) would still be waiting
  expect(a.s.orders['acc-0000000004']!.status).toBe('filled');
});

test('refusals change nothing: unknown, closed, group and bad patches; risk keeps the old order working', () => {
  const a = account(1_000);
  a.commit(decideSubmit(a.s, MARKS, limitBuy(2, 90), T0));
  a.commit(decideSubmit(a.s, MARKS, { ...limitBuy(1, 90), order_class: 'bracket', take_profit: { limit_price: 120 }, stop_loss: { stop_price: 80 } }, T0));
  a.commit(decideSubmit(a.s, MARKS, limitBuy(1, 99), T0));
  a.tick(99, T0 + 1); // fills the third order only
  const before = JSON.stringify(a.s);
  const refused = (id: string, patch: unknown) => decideReplace(a.s, MARKS, id, patch, T0 + 2);
  expect(refused('nope', { qty: 1 })).toEqual({ ok: false, code: 'not_found', message: 'order nope not found' });
  expect(refused('acc-0000000005', { qty: 1 })).toEqual({ ok: false, code: 'not_replaceable', message: 'order acc-0000000005 is filled and cannot be replaced' });
  expect(refused('acc-0000000002', { qty: 1 })).toEqual({
    ok: false,
    code: 'invalid_request',
    message: 'qty cannot change on order acc-0000000002: it belongs to a bracket order, whose exits close what its entry fills; cancel it and submit a new one',
  });
  expect(refused('acc-0000000003', { time_in_force: 'day' })).toEqual({ ok: false, code: 'invalid_request', message: 'time_in_force cannot change on order acc-0000000003: the orders of a bracket order share one' });
  expect(refused('acc-0000000003', { limit_price: 70 })).toEqual({ ok: false, code: 'invalid_request', message: 'take_profit.limit_price (70) must be above stop_loss.stop_price (80) for sell exits; take_profit.limit_price (70) must be above the entry limit_price (90)' });
  expect(refused('acc-0000000001', { time_in_force: 'opg' })).toEqual({ ok: false, code: 'invalid_request', message: 'time_in_force opg is not supported: Tickflow runs no opening or closing auction; use day, gtc, ioc or fok' });
  expect(refused('acc-0000000001', {})).toMatchObject({ ok: false, code: 'invalid_request', message: expect.stringContaining('needs at least one of') });
  expect(refused('acc-0000000001', { qty: '-1' })).toEqual({ ok: false, code: 'invalid_request', message: 'qty must not be negative, got "-1"' });
  expect(refused('acc-0000000001', { stop_price: 80 })).toEqual({ ok: false, code: 'invalid_request', message: 'stop_price is only allowed for stop and stop_limit orders, not limit' });
  expect(refused('acc-0000000001', { trail: 2 })).toEqual({ ok: false, code: 'invalid_request', message: 'trail is only for trailing_stop orders, not limit' });
  expect(refused('acc-0000000001', { qty: 100 })).toMatchObject({ ok: false, code: 'insufficient_buying_power' });
  expect(refused('acc-0000000001', { client_order_id: 'acc-0000000005' })).toEqual({ ok: false, code: 'invalid_request', message: 'client_order_id acc-0000000005 is already in use' });
  expect(JSON.stringify(a.s)).toBe(before);
  expect(a.s.orders['acc-0000000001']!.status).toBe('new');
});

test('the old order’s reservation is released for the check: a replace to the same size always fits', () => {
  const a = account(1_000);
  a.commit(decideSubmit(a.s, MARKS, limitBuy(9, 100), T0)); // 900 of 1,000 reserved
  expect(decideSubmit(a.s, MARKS, limitBuy(9, 100), T0)).toMatchObject({ ok: true, events: [{ type: 'rejected', code: 'insufficient_buying_power' }] });
  expect(a.commit(decideReplace(a.s, MARKS, 'acc-0000000001', { limit_price: 105 }, T0 + 1))).toMatchObject({ ok: true });
});

const bracketBuy = (extra: object = {}) => ({ ...limitBuy(2, 100), order_class: 'bracket', take_profit: { limit_price: 110 }, stop_loss: { stop_price: 95 }, ...extra });

test('a bracket’s held stop-loss leg is replaced in its place: still held, the entry names it, the pair works as one; a replay folds the same', () => {
  const a = account();
  a.commit(decideSubmit(a.s, MARKS, bracketBuy(), T0)); // 1 entry, 2 take-profit, 3 stop-loss
  const d = a.commit(decideReplace(a.s, MARKS, 'acc-0000000003', { stop_price: '97' }, T0 + 10));
  expect(d).toMatchObject({ ok: true, orderId: 'acc-0000000004' });
  expect(a.s.orders['acc-0000000003']).toMatchObject({ status: 'replaced', replaced_by: 'acc-0000000004' });
  expect(a.s.orders['acc-0000000004']).toMatchObject({ status: 'held', stop_price: 97, parent_id: 'acc-0000000001', replaces: 'acc-0000000003', order_class: 'bracket' });
  expect(a.s.orders['acc-0000000001']!.leg_ids).toEqual(['acc-0000000002', 'acc-0000000004']);
  expect(ordersView(a.s, { status: 'open' })[0]!.legs!.map((l) => [l.id, l.type, l.stop_price])).toEqual([
    ['acc-0000000002', 'limit', null],
    ['acc-0000000004', 'stop', '97'],
  ]);
  a.tick(100, T0 + 20); // the entry fills: both exits work
  a.tick(96, T0 + 30); // the new stop fires at 96 (the old one, 95, would not have)
  expect(a.s.positions['BTCUSDT']).toBeUndefined();
  expect(a.updates.map((u) => `${u.event}:${u.order.id}`)).toEqual([
    'new:acc-0000000001',
    'replaced:acc-0000000003',
    'fill:acc-0000000001',
    'new:acc-0000000002',
    'new:acc-0000000004',
    'fill:acc-0000000004',
    'canceled:acc-0000000002',
  ]);
  expect(JSON.parse(JSON.stringify(replay(JSON.parse(JSON.stringify(a.log)))))).toEqual(JSON.parse(JSON.stringify(a.s)));
});

test('after the entry filled, the take-profit leg moves its limit: the filled entry names the new leg; an entry part filled is not replaceable', () => {
  const a = account();
  a.commit(decideSubmit(a.s, MARKS, bracketBuy({ type: 'market', limit_price: undefined }), T0));
  a.tick(100, T0 + 1);
  expect(a.commit(decideReplace(a.s, MARKS, 'acc-0000000002', { limit_price: 104, client_order_id: 'tp-2' }, T0 + 2))).toMatchObject({ ok: true, orderId: 'acc-0000000004' });
  expect(a.s.orders['acc-0000000001']).toMatchObject({ status: 'filled', leg_ids: ['acc-0000000004', 'acc-0000000003'] });
  expect(a.s.clientIds['tp-2']).toBe('acc-0000000004');
  a.tick(104, T0 + 3);
  expect(a.s.fills.map((f) => [f.orderId, f.price])).toEqual([
    ['acc-0000000001', 100],
    ['acc-0000000004', 104],
  ]);
  expect(a.s.orders['acc-0000000003']!.status).toBe('canceled');
  expect(JSON.parse(JSON.stringify(replay(JSON.parse(JSON.stringify(a.log)))))).toEqual(JSON.parse(JSON.stringify(a.s)));

  // A participation cap leaves an entry part filled: its exits already stand for that part.
  const b = account();
  b.commit({ ok: true, events: [{ type: 'opened', at: T0, accountId: 'acc', cash: 10_000, config: accountConfigSchema.parse({ match: { participation: 0.5 } }) }] });
  b.commit(decideSubmit(b.s, MARKS, bracketBuy(), T0));
  b.tick(100, T0 + 1, 2);
  expect(b.s.orders['acc-0000000001']!.status).toBe('partially_filled');
  expect(decideReplace(b.s, MARKS, 'acc-0000000001', { limit_price: 101 }, T0 + 2)).toEqual({
    ok: false,
    code: 'not_replaceable',
    message: 'order acc-0000000001 is the entry of a bracket order and has begun to fill; its exits stand for what it filled',
  });
});

test('an unfilled bracket entry moves its limit within its exits; a notional order is not replaceable', () => {
  const a = account();
  a.commit(decideSubmit(a.s, MARKS, bracketBuy(), T0));
  expect(decideReplace(a.s, MARKS, 'acc-0000000001', { limit_price: 111 }, T0 + 1)).toMatchObject({ ok: false, message: 'take_profit.limit_price (110) must be above the entry limit_price (111)' });
  expect(a.commit(decideReplace(a.s, MARKS, 'acc-0000000001', { limit_price: 99 }, T0 + 1))).toMatchObject({ ok: true, orderId: 'acc-0000000004' });
  expect(a.s.orders['acc-0000000004']).toMatchObject({ status: 'new', limit_price: 99, leg_ids: ['acc-0000000002', 'acc-0000000003'] });
  expect(['acc-0000000002', 'acc-0000000003'].map((id) => a.s.orders[id]!.parent_id)).toEqual(['acc-0000000004', 'acc-0000000004']);
  a.tick(99, T0 + 2);
  expect(['acc-0000000002', 'acc-0000000003'].map((id) => a.s.orders[id]!.status)).toEqual(['new', 'new']);

  a.commit(decideSubmit(a.s, MARKS, { symbol: 'BTCUSDT', side: 'buy', type: 'market', time_in_force: 'gtc', notional: '150' }, T0 + 3));
  expect(decideReplace(a.s, MARKS, 'acc-0000000005', { client_order_id: 'x' }, T0 + 4)).toEqual({
    ok: false,
    code: 'not_replaceable',
    message: 'order acc-0000000005 is a notional order; notional orders cannot be replaced: cancel it and submit a new one',
  });
});
