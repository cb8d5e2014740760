import { describe, expect, test } from 'bun:test';
import { applyFill } from './fill.ts';
import { transition } from './lifecycle.ts';
import { remainingQty } from './order.ts';
import { ordersFrom } from './testing.ts';

describe('createOrders', () => {
  test('a simple order is pending_new with its request fields; a day order keeps its session end', () => {
    const { order, legs } = ordersFrom('o1', { qty: '3', side: 'sell', type: 'limit', limit_price: '101', time_in_force: 'day', client_order_id: 'mine' }, { at: 50, sessionEnd: 900 });
    expect(legs).toEqual([]);
    expect(order).toMatchObject({ id: 'o1', client_order_id: 'mine', status: 'pending_new', qty: 3, limit_price: 101, created_at: 50, updated_at: 50, expires_at: 900, leg_ids: null, order_class: 'simple' });
    expect(ordersFrom('o2', { qty: '1', side: 'buy', type: 'market' }).order.client_order_id).toBe('o2');
    expect(ordersFrom('o3', { qty: '1', side: 'buy', type: 'market' }, { sessionEnd: 900 }).order.expires_at).toBeNull(); // gtc
  });

  test('a bracket makes the entry and two exit legs on the other side', () => {
    const { order, legs } = ordersFrom('b', { qty: '5', side: 'buy', type: 'limit', limit_price: '100', order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '95', limit_price: '94' } });
    expect(order.leg_ids).toEqual(['b-tp', 'b-sl']);
    expect(legs.map((l) => [l.id, l.side, l.type, l.qty, l.limit_price, l.stop_price, l.parent_id, l.order_class])).toEqual([
      ['b-tp', 'sell', 'limit', 5, 110, null, 'b', 'bracket'],
      ['b-sl', 'sell', 'stop_limit', 5, 94, 95, 'b', 'bracket'],
    ]);
  });

  test("an oco is the take-profit limit with the stop as its one leg, both on the order's side", () => {
    const { order, legs } = ordersFrom('c', { qty: '5', side: 'sell', type: 'limit', order_class: 'oco', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '95' } });
    expect([order.type, order.limit_price, order.side]).toEqual(['limit', 110, 'sell']);
    expect(legs.map((l) => [l.id, l.side, l.type, l.stop_price])).toEqual([['c-sl', 'sell', 'stop', 95]]);
  });

  test('an oto has the one leg it names', () => {
    const { legs } = ordersFrom('t', { qty: '5', side: 'buy', type: 'market', order_class: 'oto', take_profit: { limit_price: '110' } });
    expect(legs.map((l) => [l.id, l.type, l.limit_price])).toEqual([['t-tp', 'limit', 110]]);
  });
});

describe('applyFill', () => {
  const working = transition(ordersFrom('f', { qty: '10', side: 'buy', type: 'market' }).order, 'new', 1);

  test('partial fills average their prices; the last fill completes the order', () => {
    const a = applyFill(working, 4, 100, 2);
    expect([a.status, a.filled_qty, a.filled_avg_price, a.filled_at]).toEqual(['partially_filled', 4, 100, null]);
    const b = applyFill(a, 3, 101, 3);
    expect([b.status, b.filled_qty, b.filled_avg_price]).toEqual(['partially_filled', 7, 100.42857143]);
    const c = applyFill(b, 3, 99, 4);
    expect([c.status, c.filled_qty, c.filled_avg_price, c.filled_at]).toEqual(['filled', 10, 100, 4]);
    expect(remainingQty(c, 100)).toBe(0);
  });

  test('a notional order is filled when its money is spent', () => {
    const notional = transition(ordersFrom('n', { notional: '500', side: 'buy', type: 'market' }).order, 'new', 1);
    expect(remainingQty(notional, 200)).toBe(2.5);
    const half = applyFill(notional, 1, 200, 2);
    expect([half.status, remainingQty(half, 200)]).toEqual(['partially_filled', 1.5]);
    expect(applyFill(half, 1.5, 200, 3).status).toBe('filled');
  });

  test('overfills and nonsense fills throw', () => {
    expect(() => applyFill(working, 11, 100, 2)).toThrow('Invalid fill for order f: qty 11 exceeds the remaining 10');
    expect(() => applyFill(working, 0, 100, 2)).toThrow('Invalid fill for order f: qty 0 at 100');
    expect(() => applyFill(working, 1, Number.NaN, 2)).toThrow('Invalid fill for order f: qty 1 at NaN');
  });
});
