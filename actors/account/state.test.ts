import { expect, test } from 'bun:test';
import { apply } from './apply.ts';
import { accountConfigSchema } from './config.ts';
import { decideCancel, decideClosePosition, decideSubmit, decideTick, type Decision } from './decide.ts';
import type { AccountEvent, TradeUpdate } from './events.ts';
import { unopened, type AccountState } from './state.ts';
import { accountView } from './views.ts';

const T0 = Date.UTC(2021, 3, 1);

/** An account and its log in memory: decide, then apply what was decided, as the actor does. */
function account(cash = 10_000, config: object = {}) {
  const s = unopened('acc');
  const log: AccountEvent[] = [];
  const updates: TradeUpdate[] = [];
  const commit = (d: Decision) => {
    if (!d.ok) return d;
    for (const e of d.events) {
      log.push(e);
      updates.push(...apply(s, e));
    }
    return d;
  };
  commit({ ok: true, events: [{ type: 'opened', at: T0, accountId: 'acc', cash, config: accountConfigSchema.parse(config) }] });
  const tick = (price: number, time: number, size = 100) => {
    const t = decideTick(s, { symbol: 'BTCUSDT', time, price, size });
    if (!t) return;
    log.push(t.event);
    updates.push(...apply(s, t.event, t.update));
  };
  return { s, log, updates, commit, tick };
}
const replay = (log: AccountEvent[]): AccountState => {
  const s = unopened('acc');
  for (const e of log) apply(s, e);
  return s;
};
const buy = (qty: number, extra: object = {}) => ({ symbol: 'BTCUSDT', side: 'buy', type: 'market', time_in_force: 'gtc', qty, ...extra });

test('a market buy fills at the next tick: cash pays notional and taker fee, the position opens at the fill price', () => {
  const a = account(10_000, { match: { fees: { makerBps: 0, takerBps: 10 } } });
  const d = a.commit(decideSubmit(a.s, { BTCUSDT: 100 }, buy(2), T0));
  expect(d).toMatchObject({ ok: true, orderId: 'acc-0000000001' });
  a.tick(101, T0 + 1_000);
  expect(a.s.positions['BTCUSDT']).toEqual({ symbol: 'BTCUSDT', qty: 2, avgEntryPrice: 101, costBasis: 202 });
  expect(a.s.cash).toBe(10_000 - 202 - 0.202);
  expect(a.s.feesPaid).toBe(0.202);
  expect(a.updates.map((u) => u.event)).toEqual(['new', 'fill']);
  expect(a.updates[1]).toMatchObject({ price: 101, qty: 2, positionQty: 2 });
  expect(accountView(a.s, { BTCUSDT: 111 })).toMatchObject({ equity: round(10_000 - 0.202 + 20), unrealizedPnl: 20, realizedPnl: 0 });
});

test('selling part of a long realises (price − entry) on what was sold; the rest keeps its entry price', () => {
  const a = account();
  a.commit(decideSubmit(a.s, { BTCUSDT: 100 }, buy(3), T0));
  a.tick(100, T0 + 1);
  a.commit(decideSubmit(a.s, { BTCUSDT: 100 }, buy(1, { side: 'sell', type: 'limit', limit_price: 110 }), T0 + 2));
  a.tick(105, T0 + 3);
  expect(a.s.fills).toHaveLength(1);
  a.tick(110, T0 + 4);
  expect(a.s.realizedPnl).toBe(10);
  expect(a.s.positions['BTCUSDT']).toMatchObject({ qty: 2, avgEntryPrice: 100, costBasis: 200 });
  expect(a.s.cash).toBe(10_000 - 300 + 110);
  expect(a.s.fills.at(-1)).toMatchObject({ liquidity: 'maker', price: 110 });
});

test('a retried submit with the same client_order_id answers the first order and makes no second one', () => {
  const a = account();
  const first = a.commit(decideSubmit(a.s, { BTCUSDT: 100 }, buy(1, { client_order_id: 'my-1' }), T0));
  const again = decideSubmit(a.s, { BTCUSDT: 100 }, buy(1, { client_order_id: 'my-1' }), T0 + 5);
  expect(again).toEqual({ ok: true, events: [], orderId: (first as { orderId: string }).orderId, duplicate: true });
  expect(Object.keys(a.s.orders)).toHaveLength(1);
});

test('refusals carry their reasons: risk rejections are logged orders, bad bodies and unknown ids are not', () => {
  const a = account(1_000);
  const poor = a.commit(decideSubmit(a.s, { BTCUSDT: 100 }, buy(20), T0));
  expect(poor.ok && poor.events[0]).toMatchObject({ type: 'rejected', code: 'insufficient_buying_power', message: 'insufficient buying power: need 2,000.00, have 1,000.00' });
  expect(a.s.orders['acc-0000000001']!.status).toBe('rejected');
  expect(a.updates.at(-1)!.event).toBe('rejected');
  const short = decideSubmit(a.s, { BTCUSDT: 100 }, buy(1, { side: 'sell' }), T0);
  expect(short.ok && short.events[0]).toMatchObject({ code: 'shorting_not_allowed' });
  expect(decideSubmit(a.s, {}, buy(1), T0)).toMatchObject({ ok: true, events: [{ type: 'rejected', code: 'no_price' }] });
  expect(decideSubmit(a.s, {}, { symbol: 'BTCUSDT', side: 'buy' }, T0)).toMatchObject({ ok: false, code: 'invalid_request' });
  expect(decideCancel(a.s, 'nope', T0)).toMatchObject({ ok: false, code: 'not_found' });
  expect(decideCancel(a.s, 'acc-0000000001', T0)).toMatchObject({ ok: false, code: 'not_cancelable', message: 'order acc-0000000001 is rejected and cannot be canceled' });
});

test('a short, when allowed, books its proceeds in cash and realises on the cover; close position buys it back', () => {
  const a = account(10_000, { allowShort: true });
  a.commit(decideSubmit(a.s, { BTCUSDT: 100 }, buy(5, { side: 'sell' }), T0));
  a.tick(100, T0 + 1);
  expect(a.s.positions['BTCUSDT']).toMatchObject({ qty: -5, avgEntryPrice: 100 });
  expect(a.s.cash).toBe(10_500);
  expect(accountView(a.s, { BTCUSDT: 90 }).equity).toBe(10_050);
  a.commit(decideClosePosition(a.s, { BTCUSDT: 90 }, 'BTCUSDT', T0 + 2));
  a.tick(90, T0 + 3);
  expect(a.s.positions['BTCUSDT']).toBeUndefined();
  expect(a.s.realizedPnl).toBe(50);
  expect(a.s.cash).toBe(10_050);
});

test('cancel takes a resting order out of the book; replaying the log rebuilds the state exactly', () => {
  const a = account();
  a.commit(decideSubmit(a.s, { BTCUSDT: 100 }, buy(1, { type: 'limit', limit_price: 90 }), T0));
  a.commit(decideSubmit(a.s, { BTCUSDT: 100 }, buy(2, { type: 'limit', limit_price: 95 }), T0));
  a.tick(96, T0 + 1);
  a.tick(94, T0 + 2);
  a.commit(decideCancel(a.s, 'acc-0000000001', T0 + 3));
  a.tick(85, T0 + 4); // the canceled order would have filled here
  expect(a.s.orders['acc-0000000001']!.status).toBe('canceled');
  expect(a.s.positions['BTCUSDT']!.qty).toBe(2);
  expect(a.updates.map((u) => u.event)).toEqual(['new', 'new', 'fill', 'canceled']);
  expect(JSON.parse(JSON.stringify(replay(JSON.parse(JSON.stringify(a.log)))))).toEqual(JSON.parse(JSON.stringify(a.s)));
});

const round = (x: number) => Number(x.toFixed(8));
