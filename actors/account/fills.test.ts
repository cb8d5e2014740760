import { expect, test } from 'bun:test';
import { apply } from './apply.ts';
import { auditAccount } from './audit.ts';
import { accountConfigSchema } from './config.ts';
import { decideSubmit, decideTick, type Decision } from './decide.ts';
import type { AccountEvent } from './events.ts';
import { unopened } from './state.ts';
import { fillsView } from './views.ts';

const T0 = Date.UTC(2021, 3, 1);

/** An account whose events are numbered as the log numbers them, so its fills carry log ids. */
function account(config: object = {}) {
  const s = unopened('acc');
  const log: AccountEvent[] = [];
  const add = (e: AccountEvent, computed?: Parameters<typeof apply>[2]) => (log.push(e), apply(s, e, computed, log.length));
  add({ type: 'opened', at: T0, accountId: 'acc', cash: 1_000, config: accountConfigSchema.parse(config) });
  const commit = (d: Decision) => {
    if (d.ok) for (const e of d.events) add(e);
    return d;
  };
  const tick = (price: number, time: number, size = 100) => {
    const t = decideTick(s, { symbol: 'BTCUSDT', time, price, size });
    if (t) add(t.event, t.update);
  };
  return { s, log, commit, tick };
}
const market = (extra: object) => ({ symbol: 'BTCUSDT', type: 'market', time_in_force: 'gtc', ...extra });

test('a notional buy takes a fractional quantity, to 1e-8; a fractional sell closes it; the books reconcile', () => {
  const a = account({ match: { fees: { makerBps: 0, takerBps: 10 } } });
  a.commit(decideSubmit(a.s, { BTCUSDT: 300 }, market({ side: 'buy', notional: '250' }), T0));
  a.tick(299.7, T0 + 1);
  const bought = 0.8341675; // 250 / 299.7 = 0.834167500834…, floored to 1e-8: never more than the money
  expect(a.s.positions['BTCUSDT']).toMatchObject({ qty: bought, avgEntryPrice: 299.7 });
  expect(a.s.orders['acc-0000000001']).toMatchObject({ status: 'filled', notional: 250, qty: null, filled_qty: bought });
  a.commit(decideSubmit(a.s, { BTCUSDT: 300 }, market({ side: 'sell', qty: '0.5' }), T0 + 2));
  a.tick(310, T0 + 3);
  expect(a.s.positions['BTCUSDT']!.qty).toBe(0.3341675);
  a.commit(decideSubmit(a.s, { BTCUSDT: 300 }, market({ side: 'sell', qty: '0.3341675' }), T0 + 4));
  a.tick(305, T0 + 5);
  expect(a.s.positions['BTCUSDT']).toBeUndefined();
  expect(auditAccount(a.s, a.log)).toEqual([]);
});

test('fills are named by the log event that made them, as Alpaca FILL activities list them', () => {
  const a = account({ match: { participation: 0.5 } });
  a.commit(decideSubmit(a.s, { BTCUSDT: 100 }, market({ side: 'buy', qty: '3' }), T0)); // event 2
  a.tick(100, T0 + 1, 4); // event 3: 2 of 3
  a.tick(101, T0 + 2, 4); // event 4: the last 1
  expect(a.s.fills).toEqual([
    { id: '3.0', orderId: 'acc-0000000001', symbol: 'BTCUSDT', side: 'buy', qty: 2, price: 100, fee: 0, liquidity: 'taker', at: T0 + 1, type: 'partial_fill', cumQty: 2, leavesQty: 1 },
    { id: '4.0', orderId: 'acc-0000000001', symbol: 'BTCUSDT', side: 'buy', qty: 1, price: 101, fee: 0, liquidity: 'taker', at: T0 + 2, type: 'fill', cumQty: 3, leavesQty: 0 },
  ]);
  expect(fillsView(a.s).map((f) => f.id)).toEqual(['4.0', '3.0']);
  expect(fillsView(a.s, { direction: 'asc', limit: 1 }).map((f) => f.id)).toEqual(['3.0']);
  expect(fillsView(a.s, { direction: 'asc', pageToken: '3.0' }).map((f) => f.id)).toEqual(['4.0']);
  expect(fillsView(a.s, { after: T0 + 1 }).map((f) => f.id)).toEqual(['4.0']);
  expect(auditAccount(a.s, a.log)).toEqual([]);
});

test('the audit sees a fill applied twice, a position or cash that does not follow the fills', () => {
  const a = account();
  a.commit(decideSubmit(a.s, { BTCUSDT: 100 }, market({ side: 'buy', qty: '2' }), T0));
  a.tick(100, T0 + 1);
  expect(auditAccount(a.s, a.log)).toEqual([]);
  const twice = structuredClone(a.s);
  twice.fills.push(twice.fills[0]!);
  expect(auditAccount(twice, a.log)).toEqual([
    'fill 3.0 appears twice',
    'order acc-0000000001 says filled 2, its fills sum to 4',
    'position BTCUSDT is 2, its fills sum to 4',
    "cash is 800, opening cash less the fills' notional and fees is 600",
    "the log's ticks made 1 fills, the account holds 2",
  ]);
});
