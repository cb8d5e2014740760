import { describe, expect, test } from 'bun:test';
import alpacaOrder from '../../fixtures/alpaca/v2_order.json';
import { toAlpacaJson } from './alpaca-json.ts';
import { decimalString, round8 } from './decimal.ts';
import { applyFill } from './fill.ts';
import { transition } from './lifecycle.ts';
import { ordersFrom } from './testing.ts';

// Alpaca's own example: a notional market buy of AAPL, accepted, nothing filled.
const at = Date.parse('2021-03-16T18:38:01.942Z');
const { order } = ordersFrom('61e69015-8549-4bfd-b9c3-01e75843f47d', {
  notional: '500',
  side: 'buy',
  type: 'market',
  time_in_force: 'day',
  client_order_id: 'eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4',
}, { at });
const accepted = transition({ ...order, asset_id: 'b0b6dd9d-8b9b-48a9-ba46-b9d54906e415' }, 'accepted', at);

describe('toAlpacaJson', () => {
  test("has Alpaca's example's keys, in its order", () => {
    expect(Object.keys(toAlpacaJson(accepted))).toEqual(Object.keys(alpacaOrder));
  });

  test("matches Alpaca's example value for value, but for sub-millisecond times", () => {
    const json = toAlpacaJson(accepted);
    // Alpaca stamps microseconds; Tickflow's clock is in ms, and its submitted_at is when it accepted.
    const { created_at, updated_at, submitted_at, ...rest } = json;
    const { created_at: c, updated_at: u, submitted_at: _s, ...expected } = alpacaOrder;
    expect(rest).toEqual(expected as typeof rest);
    expect([created_at, updated_at, submitted_at]).toEqual(['2021-03-16T18:38:01.942Z', '2021-03-16T18:38:01.942Z', '2021-03-16T18:38:01.942Z']);
    expect(c.slice(0, 23)).toBe(created_at.slice(0, 23));
    expect(u.slice(0, 23)).toBe(updated_at.slice(0, 23));
  });

  test('writes numbers as Alpaca does: strings, no exponent, no trailing zeros', () => {
    const filled = applyFill(transition({ ...accepted, notional: null, qty: 0.00000123 }, 'new', at), 0.00000123, 58_123.1, at + 5);
    const json = toAlpacaJson(filled);
    expect([json.qty, json.filled_qty, json.filled_avg_price, json.status, json.filled_at]).toEqual(['0.00000123', '0.00000123', '58123.1', 'filled', '2021-03-16T18:38:01.947Z']);
    expect(decimalString(100)).toBe('100');
    expect(decimalString(0)).toBe('0');
    expect(decimalString(-0.5)).toBe('-0.5');
    expect(decimalString(1e-9)).toBe('0');
    expect(round8(0.1 + 0.2)).toBe(0.3);
  });

  test('nests legs when given, and checks they are the right ones', () => {
    const { order: b, legs } = ordersFrom('b', { qty: '2', side: 'buy', type: 'market', order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '90' } });
    const json = toAlpacaJson(b, legs);
    expect(json.order_class).toBe('bracket');
    expect(json.legs?.map((l) => [l.id, l.type, l.side, l.limit_price, l.stop_price, l.legs])).toEqual([
      ['b-tp', 'limit', 'sell', '110', null, null],
      ['b-sl', 'stop', 'sell', null, '90', null],
    ]);
    expect(toAlpacaJson(b).legs).toBeNull();
    expect(() => toAlpacaJson(b, [legs[1]!, legs[0]!])).toThrow('Invalid legs for order b: expected [b-tp, b-sl], got [b-sl, b-tp]');
  });

  test('trailing stops report their trail, hwm and moving stop', () => {
    const { order: t } = ordersFrom('t', { qty: '1', side: 'sell', type: 'trailing_stop', trail_percent: '2.5' });
    const json = toAlpacaJson({ ...t, hwm: 104.25, stop_price: 101.64375 });
    expect([json.trail_percent, json.trail_price, json.hwm, json.stop_price]).toEqual(['2.5', null, '104.25', '101.64375']);
  });
});
