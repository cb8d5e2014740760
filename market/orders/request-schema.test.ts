import { describe, expect, test } from 'bun:test';
import { parseOrderRequest } from './request-schema.ts';

const ok = (body: Record<string, unknown>) => {
  const r = parseOrderRequest(body);
  if (!r.ok) throw new Error(`expected the request to parse: ${r.message}`);
  return r.request;
};
const refusal = (body: unknown) => {
  const r = parseOrderRequest(body);
  if (r.ok) throw new Error('expected the request to be refused');
  return r;
};
const market = { symbol: 'AAPL', qty: '10', side: 'buy', type: 'market', time_in_force: 'day' };

describe('numbers as Alpaca clients send them', () => {
  test('decimal strings and JSON numbers both parse; a simple order is normalised with nulls', () => {
    expect(ok(market)).toEqual({
      symbol: 'AAPL',
      qty: 10,
      notional: null,
      side: 'buy',
      type: 'market',
      time_in_force: 'day',
      limit_price: null,
      stop_price: null,
      trail_price: null,
      trail_percent: null,
      extended_hours: false,
      client_order_id: null,
      order_class: 'simple',
      take_profit: null,
      stop_loss: null,
    });
    expect(ok({ ...market, qty: 0.5 }).qty).toBe(0.5);
    expect(ok({ ...market, qty: ' 2.25 ' }).qty).toBe(2.25);
    expect(ok({ ...market, type: 'limit', limit_price: '.5' }).limit_price).toBe(0.5);
    expect(ok({ ...market, symbol: ' brk.b ' }).symbol).toBe('BRK.B');
    expect(ok({ ...market, symbol: 'BTC/USD' }).symbol).toBe('BTC/USD');
  });

  test.each([
    [{ qty: 'abc' }, 'qty must be a decimal number, got "abc"'],
    [{ qty: '1e3' }, 'qty must be a decimal number, got "1e3"'],
    [{ qty: 'Infinity' }, 'qty must be a decimal number, got "Infinity"'],
    [{ qty: '' }, 'qty must be a decimal number, got ""'],
    [{ qty: Number.NaN }, 'qty must be a finite number, got NaN'],
    [{ qty: Number.POSITIVE_INFINITY }, 'qty must be a finite number, got Infinity'],
    [{ qty: '-5' }, 'qty must not be negative, got "-5"'],
    [{ qty: -5 }, 'qty must not be negative, got -5'],
    [{ qty: '0' }, 'qty must be greater than 0, got "0"'],
    [{ qty: true }, 'qty must be a number or a decimal string, got true'],
    [{ qty: [1] }, 'qty must be a number or a decimal string, got an array'],
    [{ qty: null, notional: 'ten' }, 'notional must be a decimal number, got "ten"'],
    [{ type: 'limit', limit_price: '-1' }, 'limit_price must not be negative, got "-1"'],
    [{ type: 'trailing_stop', trail_percent: '100' }, 'trail_percent must be less than 100, got "100"'],
    [{ extended_hours: 'yes' }, 'extended_hours must be true or false, got "yes"'],
  ])('%j is refused: %s', (patch, message) => {
    const r = refusal({ ...market, ...patch });
    expect(r.message).toBe(message);
  });

  test('issues carry the field path, nested fields by their full name', () => {
    const r = refusal({ ...market, order_class: 'bracket', take_profit: { limit_price: 'x' }, stop_loss: { stop_price: -1 } });
    expect(r.issues).toEqual([
      { path: 'take_profit.limit_price', message: 'take_profit.limit_price must be a decimal number, got "x"' },
      { path: 'stop_loss.stop_price', message: 'stop_loss.stop_price must not be negative, got -1' },
    ]);
  });
});

describe('required fields and enumerations', () => {
  test('missing fields are named', () => {
    const r = refusal({});
    expect(r.issues.map((i) => i.message)).toEqual(['symbol is required', 'side is required', 'type is required', 'time_in_force is required']);
  });

  test('bad words list what is allowed', () => {
    expect(refusal({ ...market, side: 'long' }).message).toBe('side must be one of buy, sell, got "long"');
    expect(refusal({ ...market, type: 'peg' }).message).toBe('type must be one of market, limit, stop, stop_limit, trailing_stop, got "peg"');
    expect(refusal({ ...market, time_in_force: 'gtd' }).message).toBe('time_in_force must be one of day, gtc, ioc, fok, opg, cls, got "gtd"');
    expect(refusal({ ...market, symbol: 'AA PL' }).message).toBe(`symbol must be letters, digits, '.', '/' or '-' (at most 32), got "AA PL"`);
    expect(refusal('buy 10 AAPL').message).toBe('an order must be a JSON object, got "buy 10 AAPL"');
  });

  test('opg and cls are refused by name', () => {
    expect(refusal({ ...market, time_in_force: 'opg' }).message).toBe('time_in_force opg is not supported: Tickflow runs no opening or closing auction; use day, gtc, ioc or fok');
    expect(refusal({ ...market, time_in_force: 'cls' }).issues).toEqual([{ path: 'time_in_force', message: 'time_in_force cls is not supported: Tickflow runs no opening or closing auction; use day, gtc, ioc or fok' }]);
  });

  test('client_order_id is at most 128 characters', () => {
    expect(ok({ ...market, client_order_id: 'x'.repeat(128) }).client_order_id).toHaveLength(128);
    expect(refusal({ ...market, client_order_id: 'x'.repeat(129) }).message).toBe('client_order_id must be at most 128 characters, got 129');
    expect(refusal({ ...market, client_order_id: '' }).message).toBe('client_order_id must not be empty');
  });

  test('unknown keys are dropped, an empty order_class means simple', () => {
    expect(ok({ ...market, position_intent: 'buy_to_open', order_class: '' }).order_class).toBe('simple');
  });
});

describe('cross-field rules', () => {
  test.each([
    [{ qty: null }, 'qty', 'one of qty or notional is required'],
    [{ notional: '500' }, 'notional', 'qty and notional are mutually exclusive; send one'],
    [{ qty: null, notional: '500', type: 'limit', limit_price: '1' }, 'notional', 'notional orders must be type market, got limit'],
    [{ type: 'limit' }, 'limit_price', 'limit_price is required for limit orders'],
    [{ type: 'stop_limit', stop_price: '9' }, 'limit_price', 'limit_price is required for stop_limit orders'],
    [{ type: 'stop' }, 'stop_price', 'stop_price is required for stop orders'],
    [{ type: 'stop_limit', limit_price: '9' }, 'stop_price', 'stop_price is required for stop_limit orders'],
    [{ limit_price: '9' }, 'limit_price', 'limit_price is only allowed for limit and stop_limit orders, not market'],
    [{ type: 'limit', limit_price: '9', stop_price: '8' }, 'stop_price', 'stop_price is only allowed for stop and stop_limit orders, not limit'],
    [{ type: 'trailing_stop' }, 'trail_price', 'trailing_stop orders need exactly one of trail_price or trail_percent'],
    [{ type: 'trailing_stop', trail_price: '1', trail_percent: '1' }, 'trail_price', 'trailing_stop orders need exactly one of trail_price or trail_percent'],
    [{ trail_percent: '1' }, 'trail_percent', 'trail_price and trail_percent are only allowed for trailing_stop orders, not market'],
    [{ type: 'stop', stop_price: '9', time_in_force: 'ioc' }, 'time_in_force', 'time_in_force ioc is only supported for market and limit orders, not stop'],
    [{ extended_hours: true }, 'extended_hours', 'extended_hours orders must be type limit with time_in_force day'],
  ])('%j → %s: %s', (patch, path, message) => {
    expect(refusal({ ...market, ...patch }).issues).toEqual([{ path, message }]);
  });

  test('every order type parses when complete', () => {
    expect(ok({ ...market, type: 'limit', limit_price: '101.5', time_in_force: 'ioc' }).limit_price).toBe(101.5);
    expect(ok({ ...market, type: 'stop', stop_price: '99' }).stop_price).toBe(99);
    expect(ok({ ...market, type: 'stop_limit', stop_price: '99', limit_price: '98.5' }).type).toBe('stop_limit');
    expect(ok({ ...market, type: 'trailing_stop', trail_percent: '2.5' }).trail_percent).toBe(2.5);
    expect(ok({ ...market, type: 'trailing_stop', trail_price: '1' }).trail_price).toBe(1);
    expect(ok({ ...market, qty: null, notional: '500' }).notional).toBe(500);
    expect(ok({ ...market, type: 'limit', limit_price: '1', extended_hours: 'true' }).extended_hours).toBe(true);
  });

  test('all issues are reported at once', () => {
    expect(refusal({ ...market, type: 'limit', time_in_force: 'opg', qty: null }).issues.map((i) => i.path)).toEqual(['time_in_force', 'qty', 'limit_price']);
  });
});

describe('order classes', () => {
  const bracket = { ...market, order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '90' } };

  test('a bracket needs both legs, a market or limit entry and day or gtc', () => {
    expect(ok(bracket).stop_loss).toEqual({ stop_price: 90, limit_price: null });
    expect(refusal({ ...bracket, take_profit: undefined }).message).toBe('bracket orders need take_profit');
    expect(refusal({ ...bracket, stop_loss: null }).message).toBe('bracket orders need stop_loss');
    expect(refusal({ ...bracket, stop_loss: {} }).message).toBe('stop_loss.stop_price is required');
    expect(refusal({ ...bracket, stop_loss: 90 }).message).toBe('stop_loss must be an object, got 90');
    expect(refusal({ ...bracket, type: 'stop', stop_price: '100' }).message).toBe('bracket entry orders must be type market or limit, got stop');
    expect(refusal({ ...bracket, time_in_force: 'ioc' }).message).toBe('bracket orders must have time_in_force day or gtc, got ioc');
    expect(refusal({ ...bracket, qty: null, notional: '100' }).message).toBe('notional orders must be order_class simple, got bracket');
  });

  test("a bracket's prices must lie on the right sides of each other and of the entry", () => {
    expect(refusal({ ...bracket, take_profit: { limit_price: '80' } }).message).toBe('take_profit.limit_price (80) must be above stop_loss.stop_price (90) for sell exits');
    expect(refusal({ ...bracket, side: 'sell' }).message).toBe('take_profit.limit_price (110) must be below stop_loss.stop_price (90) for buy exits');
    expect(ok({ ...bracket, side: 'sell', take_profit: { limit_price: '90' }, stop_loss: { stop_price: '110', limit_price: '111' } }).stop_loss?.limit_price).toBe(111);
    expect(refusal({ ...bracket, type: 'limit', limit_price: '112' }).issues).toEqual([
      { path: 'take_profit.limit_price', message: 'take_profit.limit_price (110) must be above the entry limit_price (112)' },
    ]);
    expect(refusal({ ...bracket, type: 'limit', limit_price: '85' }).message).toBe('stop_loss.stop_price (90) must be below the entry limit_price (85)');
  });

  test("an oco is a limit whose limit price is its take-profit's", () => {
    const oco = { ...market, side: 'sell', type: 'limit', order_class: 'oco', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '90' } };
    expect(ok(oco).limit_price).toBeNull();
    expect(ok({ ...oco, limit_price: '110' }).limit_price).toBe(110);
    expect(refusal({ ...oco, limit_price: '111' }).message).toBe("an oco order's limit_price is its take_profit.limit_price (110); got 111");
    expect(refusal({ ...oco, type: 'market' }).message).toBe('oco orders must be type limit, got market');
  });

  test('an oto has exactly one leg; a simple order none', () => {
    expect(ok({ ...market, order_class: 'oto', stop_loss: { stop_price: '90' } }).order_class).toBe('oto');
    expect(refusal({ ...market, order_class: 'oto' }).message).toBe('oto orders need exactly one of take_profit or stop_loss');
    expect(refusal({ ...market, take_profit: { limit_price: '110' } }).message).toBe('take_profit is only allowed with order_class bracket, oco or oto');
    expect(refusal({ ...market, order_class: 'twin' }).message).toBe('order_class must be one of simple, bracket, oco, oto, got "twin"');
  });
});
