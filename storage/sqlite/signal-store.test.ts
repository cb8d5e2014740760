import { expect, test } from 'bun:test';
import { open } from './open.ts';
import { SignalStore, StrategyStore, type SignalRecord } from './signal-store.ts';

const signal = (n: number, extra: Partial<SignalRecord> = {}): SignalRecord => ({
  strategyId: 'sma',
  clientOrderId: `sma:BTCUSDT:1h:c${1_000 + n}:0`,
  time: 1_000 + n,
  symbol: 'BTCUSDT',
  side: n % 2 ? 'sell' : 'buy',
  qty: 1,
  orderType: 'market',
  limitPrice: null,
  stopPrice: null,
  timeInForce: 'gtc',
  reason: `cross ${n}`,
  trigger: 'candle',
  price: 50_000 + n,
  status: 'sent',
  note: null,
  ...extra,
});

test('a signal is stored once per client_order_id; its status only moves forward; pages go back in time', () => {
  const store = new SignalStore(open(':memory:'));
  expect(store.insert(signal(1))).toBe(true);
  expect(store.insert(signal(1, { reason: 'decided again' }))).toBe(false);
  expect(store.get('sma', signal(1).clientOrderId)!.reason).toBe('cross 1');
  expect(store.setStatus('sma', signal(1).clientOrderId, 'filled', ['sent', 'accepted'])).toBe(true);
  expect(store.setStatus('sma', signal(1).clientOrderId, 'accepted', ['sent'])).toBe(false);
  expect(store.get('sma', signal(1).clientOrderId)!.status).toBe('filled');
  store.insert(signal(2, { orderType: 'limit', limitPrice: 49_000 }));
  expect(store.setStatus('sma', signal(2).clientOrderId, 'rejected', ['sent'], 'insufficient_buying_power: no')).toBe(true);
  for (let n = 3; n <= 10; n++) store.insert(signal(n));
  store.insert({ ...signal(11), strategyId: 'other', clientOrderId: 'other:x' });
  const newest = store.recent('sma', { limit: 3 });
  expect(newest.map((s) => s.time)).toEqual([1_010, 1_009, 1_008]);
  expect(store.recent('sma', { limit: 100, before: 1_003 }).map((s) => s.time)).toEqual([1_002, 1_001]);
  expect(store.get('sma', signal(2).clientOrderId)).toEqual(signal(2, { orderType: 'limit', limitPrice: 49_000, status: 'rejected', note: 'insufficient_buying_power: no' }));
});

test('strategies: saved, listed, stopped, started again with a new config and the same book', () => {
  const store = new StrategyStore(open(':memory:'));
  store.save('b', { id: 'b', v: 1 }, 10);
  store.save('a', { id: 'a' }, 11);
  store.saveBook('b', { cash: 5, positions: {} });
  expect(store.setRunning('a', false, 12)).toBe(true);
  expect(store.list({ running: true }).map((s) => s.id)).toEqual(['b']);
  expect(store.list().map((s) => [s.id, s.running])).toEqual([['a', false], ['b', true]]);
  store.save('b', { id: 'b', v: 2 }, 13);
  expect(store.get('b')).toEqual({ id: 'b', config: { id: 'b', v: 2 }, running: true, book: { cash: 5, positions: {} }, createdAt: 10, updatedAt: 13 });
  expect(store.setRunning('nope', false, 14)).toBe(false);
});
