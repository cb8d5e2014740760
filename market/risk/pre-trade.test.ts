import { describe, expect, test } from 'bun:test';
import type { Order } from '../orders/order.ts';
import { ordersFrom } from '../orders/testing.ts';
import { DEFAULT_RISK_LIMITS, preTradeCheck, type PreTradeInput, type RiskAccount, type RiskLimits } from './pre-trade.ts';
import { formatMoney } from './rejection.ts';
import { fullBucket } from './token-bucket.ts';

const rate = { config: { capacity: 100, refillPerSecond: 10 }, bucket: fullBucket({ capacity: 100, refillPerSecond: 10 }, 0) };
const account: RiskAccount = { cash: 10_000, positions: {}, shortingEnabled: false, tradingState: 'active' };
const order = (body: Record<string, unknown>, id = 'o'): Order => ordersFrom(id, body).order;

function check(newOrder: Order, patch: { account?: Partial<RiskAccount>; limits?: Partial<RiskLimits>; openOrders?: Order[]; prices?: Record<string, number> } = {}) {
  const input: PreTradeInput = {
    order: newOrder,
    account: { ...account, ...patch.account },
    openOrders: patch.openOrders ?? [],
    prices: patch.prices ?? { AAPL: 100, MSFT: 50 },
    limits: { ...DEFAULT_RISK_LIMITS, ...patch.limits },
    rate,
    at: 0,
  };
  const r = preTradeCheck(input);
  return r.ok ? { ok: true, requires: r.requires } : { ok: false, code: r.code, message: r.message };
}

describe('buying power: cash for longs', () => {
  test('a limit buy needs its limit × qty; the message shows need and have', () => {
    expect(check(order({ qty: '90', side: 'buy', type: 'limit', limit_price: '100' }))).toEqual({ ok: true, requires: 9_000 });
    expect(check(order({ qty: '100', side: 'buy', type: 'limit', limit_price: '105.234' }), { account: { cash: 9_000 } })).toEqual({
      ok: false,
      code: 'insufficient_buying_power',
      message: 'insufficient buying power: need 10,523.40, have 9,000.00',
    });
  });

  test('a market buy is sized at the last price plus the buffer, with estimated fees', () => {
    const limits = { marketBufferBps: 300, feeBps: 10 };
    expect(check(order({ qty: '10', side: 'buy', type: 'market' }), { limits })).toEqual({ ok: true, requires: 1_030 * 1.001 });
    expect(check(order({ notional: '2000', side: 'buy', type: 'market' }))).toEqual({ ok: true, requires: 2_000 });
  });

  test('open buys reduce buying power; open sells of a long do not add to it', () => {
    const openBuy = order({ qty: '60', side: 'buy', type: 'limit', limit_price: '100' }, 'open1');
    const openSell = order({ qty: '10', side: 'sell', type: 'limit', limit_price: '120' }, 'open2');
    const r = check(order({ qty: '41', side: 'buy', type: 'limit', limit_price: '100' }), { account: { positions: { AAPL: 10 } }, openOrders: [openBuy, openSell] });
    expect(r).toEqual({ ok: false, code: 'insufficient_buying_power', message: 'insufficient buying power: need 4,100.00, have 4,000.00' });
  });

  test("a bracket's exit legs in the open orders take no buying power", () => {
    const { order: entry, legs } = ordersFrom('b', { qty: '50', side: 'buy', type: 'limit', limit_price: '100', order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '90' } });
    expect(check(order({ qty: '50', side: 'buy', type: 'limit', limit_price: '100' }), { openOrders: [entry, ...legs] })).toEqual({ ok: true, requires: 5_000 });
  });

  test('selling what is held needs nothing', () => {
    expect(check(order({ qty: '10', side: 'sell', type: 'market' }), { account: { positions: { AAPL: 10 }, cash: 0 } })).toEqual({ ok: true, requires: 0 });
  });
});

describe('shorting', () => {
  test('is refused unless the account allows it, naming the short it would open', () => {
    expect(check(order({ qty: '15', side: 'sell', type: 'market' }), { account: { positions: { AAPL: 10 } } })).toEqual({
      ok: false,
      code: 'shorting_not_allowed',
      message: 'shorting is not enabled for this account: sell 15 AAPL would open a short of 5',
    });
    const pendingSell = order({ qty: '10', side: 'sell', type: 'limit', limit_price: '101' }, 'p');
    expect(check(order({ qty: '1', side: 'sell', type: 'market' }), { account: { positions: { AAPL: 10 } }, openOrders: [pendingSell] }).code).toBe('shorting_not_allowed');
  });

  test('needs the short value × shortMargin; existing shorts lock their value and margin', () => {
    const shorting = { shortingEnabled: true };
    expect(check(order({ qty: '100', side: 'sell', type: 'limit', limit_price: '100' }), { account: shorting })).toEqual({ ok: true, requires: 5_000 });
    // 15,000 cash after shorting 100 MSFT at 50: 7,500 of it is locked (proceeds + 50%).
    const shorted = { ...shorting, cash: 15_000, positions: { MSFT: -100 } };
    expect(check(order({ qty: '76', side: 'buy', type: 'limit', limit_price: '100' }), { account: shorted })).toEqual({
      ok: false,
      code: 'insufficient_buying_power',
      message: 'insufficient buying power: need 7,600.00, have 7,500.00',
    });
    expect(check(order({ qty: '100', side: 'buy', type: 'limit', limit_price: '60', symbol: 'MSFT' }), { account: { ...shorted, cash: 0 } })).toEqual({ ok: true, requires: 0 });
  });
});

describe('limits and states', () => {
  test('max order notional', () => {
    expect(check(order({ qty: '120', side: 'buy', type: 'limit', limit_price: '100' }), { account: { cash: 1e6 }, limits: { maxOrderNotional: 10_000 } })).toEqual({
      ok: false,
      code: 'max_order_notional',
      message: 'order notional 12,000.00 exceeds the limit of 10,000.00',
    });
  });

  test('max position counts open orders on the same side, and never blocks a reduction', () => {
    const limits = { maxPositionQty: 100, maxPositionNotional: 12_000 };
    const pending = order({ qty: '50', side: 'buy', type: 'limit', limit_price: '99' }, 'p');
    const cash = { cash: 1e6, positions: { AAPL: 40 } };
    expect(check(order({ qty: '11', side: 'buy', type: 'market' }), { account: cash, limits, openOrders: [pending] })).toEqual({
      ok: false,
      code: 'max_position',
      message: 'position in AAPL would be 101 (limit 100)',
    });
    expect(check(order({ qty: '10', side: 'buy', type: 'market' }), { account: cash, limits: { maxPositionNotional: 9_000 }, openOrders: [pending] })).toEqual({
      ok: false,
      code: 'max_position',
      message: 'position in AAPL would be worth 10,000.00 (limit 9,000.00)',
    });
    expect(check(order({ qty: '10', side: 'sell', type: 'market' }), { account: { cash: 0, positions: { AAPL: 500 } }, limits }).ok).toBe(true);
  });

  test('a halted account trades nothing; a reducing-only one only shrinks positions', () => {
    expect(check(order({ qty: '1', side: 'sell', type: 'market' }), { account: { tradingState: 'halted', positions: { AAPL: 5 } } })).toEqual({
      ok: false,
      code: 'trading_halted',
      message: 'trading is halted for this account',
    });
    const reducing = { tradingState: 'reducing_only', positions: { AAPL: 5 } } as const;
    expect(check(order({ qty: '5', side: 'sell', type: 'market' }), { account: reducing }).ok).toBe(true);
    expect(check(order({ qty: '6', side: 'sell', type: 'market' }), { account: reducing })).toEqual({
      ok: false,
      code: 'reducing_only',
      message: 'account is reducing only: sell 6 AAPL would add to or flip the position (5)',
    });
    expect(check(order({ qty: '1', side: 'buy', type: 'market' }), { account: reducing }).code).toBe('reducing_only');
  });

  test('an order that cannot be sized is refused, not guessed', () => {
    expect(check(order({ qty: '1', side: 'buy', type: 'market' }), { prices: {} })).toEqual({ ok: false, code: 'no_price', message: 'no price for AAPL yet: a market order cannot be sized' });
    expect(check(order({ qty: '1', side: 'buy', type: 'limit', limit_price: '1' }), { prices: {}, account: { positions: { MSFT: -1 } } }).message).toBe(
      'no price for MSFT yet: its position or open orders cannot be valued',
    );
  });

  test('the rate limit refuses with a retry time, and every submission takes a token', () => {
    const tight = { config: { capacity: 1, refillPerSecond: 4 }, bucket: { tokens: 1, updatedAt: 0 } };
    const base = { order: order({ qty: '1000', side: 'buy', type: 'market' }), account, openOrders: [], prices: { AAPL: 100 }, limits: DEFAULT_RISK_LIMITS, at: 0 };
    const first = preTradeCheck({ ...base, rate: tight });
    expect([first.ok, first.ok ? null : first.code, first.bucket.tokens]).toEqual([false, 'insufficient_buying_power', 0]);
    const second = preTradeCheck({ ...base, rate: { ...tight, bucket: first.bucket }, at: 100 });
    expect(second.ok ? null : second.message).toBe('submit rate exceeded: 4 orders per second, bursts of 1; retry in 150 ms');
  });
});

test('money in messages is grouped and rounded to cents, whatever the locale', () => {
  expect([formatMoney(10_523.4), formatMoney(0), formatMoney(-1_234_567.891), formatMoney(999.995), formatMoney(-0.001)]).toEqual([
    '10,523.40',
    '0.00',
    '-1,234,567.89',
    '1,000.00',
    '0.00',
  ]);
});
