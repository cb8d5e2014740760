import { expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandleStore, open } from '../../storage/sqlite/index.ts';
import type { ActorContext, Message } from '../../engine/index.ts';
import { timeframeMs } from '../../market/timeframes.ts';
import { cryptoBars } from '../../strategies/testing.ts';
import { strategy, type StrategyActor } from './behaviour.ts';
import { strategyProps } from './messages.ts';

/** A context that records what the actor does: the handlers run synchronously, no runtime. */
function recorder() {
  const published: { topic: string; msg: Message }[] = [];
  const subscribed: string[] = [];
  const replies: unknown[] = [];
  const ctx = {
    self: 'strategy/sma',
    now: () => 0,
    publish: (topic: string, msg: Message) => void published.push({ topic, msg }),
    hasSubscribers: () => true,
    subscribe: (p: string) => void subscribed.push(p),
    reply: (v: unknown) => void replies.push(v),
  } as unknown as ActorContext;
  return { ctx, published, subscribed, replies };
}

const CONFIG = { id: 'sma', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '5m', accountId: 'acc', params: { fast: 5, slow: 15 } };
const bars = cryptoBars('BTCUSDT', '5m').slice(0, 400);
const candleMsg = (i: number) => ({ type: 'candle' as const, symbol: 'BTCUSDT', closed: true, candle: { tf: '5m', ...bars[i]! } });
const intents = (published: { topic: string; msg: Message }[]) => published.filter((p) => p.topic.startsWith('intent.')).map((p) => p.msg as unknown as { clientOrderId: string; order: Record<string, unknown> });

function feed(s: StrategyActor, ctx: ActorContext, from: number, to: number): void {
  for (let i = from; i < to; i++) strategy.handlers.candle(s, candleMsg(i), ctx);
}

test('it listens to its candles and its account; a forming candle is no decision', () => {
  const r = recorder();
  const s = strategy.init(strategyProps.parse({ config: { ...CONFIG, timeframes: ['1h'] } }), r.ctx);
  strategy.onStart!(s, r.ctx);
  expect(r.subscribed).toEqual(['candle.BTCUSDT.5m', 'candle.BTCUSDT.1h', 'trade.acc']);
  strategy.handlers.candle(s, { ...candleMsg(0), closed: false }, r.ctx);
  expect(s.stats.events).toBe(0);
});

test('restarted from a snapshot, it goes on exactly as the actor that never stopped; from an older one, it decides the same orders again under the same client_order_ids', () => {
  const props = strategyProps.parse({ config: CONFIG });
  const whole = recorder();
  const a = strategy.init(props, whole.ctx);
  feed(a, whole.ctx, 0, bars.length);
  const all = intents(whole.published);
  expect(all.length).toBeGreaterThan(6);
  expect(all[0]!.order).toEqual({ symbol: 'BTCUSDT', side: 'buy', type: 'market', qty: '1', time_in_force: 'gtc', client_order_id: all[0]!.clientOrderId });

  const r = recorder();
  const b = strategy.init(props, r.ctx);
  feed(b, r.ctx, 0, 150);
  const older = strategy.snapshot!(b);
  feed(b, r.ctx, 150, 200);
  const snap = JSON.parse(JSON.stringify(strategy.snapshot!(b)));
  // A supervised restart: state from the snapshot, the rest of the market after it.
  const c = strategy.restore!(snap, props, r.ctx);
  feed(c, r.ctx, 200, bars.length);
  expect(intents(r.published)).toEqual(all);

  // Restarted from an older snapshot, it hears candles 150..200 again: the same decisions, the same ids (the account answers them as duplicates).
  const again = recorder();
  const d = strategy.restore!(older, props, again.ctx);
  feed(d, again.ctx, 150, 200);
  const first = intents(r.published).filter((m) => {
    const t = Number(m.clientOrderId.split(':')[3]!.slice(1));
    return t > bars[149]!.openTime + timeframeMs('5m') && t <= bars[199]!.openTime + timeframeMs('5m');
  });
  expect(first.length).toBeGreaterThan(0);
  expect(intents(again.published).map((m) => m.clientOrderId)).toEqual(first.map((m) => m.clientOrderId));
});

test('an account that refuses an order: the signal is rejected with its reason, and the strategy stops counting it as pending', () => {
  const r = recorder();
  const s = strategy.init(strategyProps.parse({ config: CONFIG }), r.ctx);
  feed(s, r.ctx, 0, bars.length);
  const last = intents(r.published).at(-1)!;
  expect(Object.keys(s.runner.book.pending)).toContain(last.clientOrderId);
  strategy.handlers.ack(s, { type: 'ack', clientOrderId: last.clientOrderId, ok: true, status: 'rejected', code: 'insufficient_buying_power', message: 'not enough cash' }, r.ctx);
  expect(s.runner.book.pending[last.clientOrderId]).toBeUndefined();
  expect(s.recent.at(-1)).toMatchObject({ clientOrderId: last.clientOrderId, status: 'rejected', note: 'insufficient_buying_power: not enough cash' });
  // A late "accepted" never turns it back.
  strategy.handlers.ack(s, { type: 'ack', clientOrderId: last.clientOrderId, ok: true, status: 'new', code: null, message: null }, r.ctx);
  expect(s.recent.at(-1)!.status).toBe('rejected');
  strategy.handlers.view(s, { type: 'view' }, r.ctx);
  expect(r.replies[0]).toMatchObject({ id: 'sma', state: { stats: { rejected: 1 } } });
  strategy.handlers.view(s, { type: 'view', signals: 0 }, r.ctx);
  expect((r.replies[1] as { signals: unknown[] }).signals).toEqual([]);
});

test('warmed up on stored candles: the indicators are where the market left them, and nothing decided meanwhile is pending', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tickflow-warm-'));
  try {
    const db = join(dir, 'candles.db');
    const conn = open(db);
    new CandleStore(conn).writeCandles('BTCUSDT', '5m', bars.slice(0, 300).map((b) => ({ ...b, tf: '5m' as const, prints: 4 })));
    conn.close();
    const r = recorder();
    const warm = strategy.init(strategyProps.parse({ config: CONFIG, db, warmFrom: db }), r.ctx);
    expect(warm.stats.warmedCandles).toBe(300);
    expect(warm.runner.book.pending).toEqual({});
    expect(r.published).toEqual([]);
    // From here it decides as an actor that heard all 300 candles live (with their orders filled).
    const cold = recorder();
    const live = strategy.init(strategyProps.parse({ config: CONFIG }), cold.ctx);
    feed(live, cold.ctx, 0, 300);
    for (const m of intents(cold.published)) {
      const o = m.order as { symbol: string; side: 'buy' | 'sell' };
      strategy.handlers.trade_update(live, { type: 'trade_update', accountId: 'acc', event: 'fill', at: 0, order: { id: m.clientOrderId, client_order_id: m.clientOrderId, symbol: o.symbol, side: o.side, status: 'filled' }, price: 1, qty: 1, positionQty: null }, cold.ctx);
    }
    const held = live.runner.book.positions.BTCUSDT?.qty ?? 0;
    if (held) strategy.handlers.trade_update(warm, { type: 'trade_update', accountId: 'acc', event: 'fill', at: 0, order: { id: 'seed', client_order_id: 'sma:seed', symbol: 'BTCUSDT', side: 'buy', status: 'filled' }, price: 1, qty: held, positionQty: null }, r.ctx);
    const before = cold.published.length;
    feed(live, cold.ctx, 300, bars.length);
    feed(warm, r.ctx, 300, bars.length);
    expect(intents(r.published).map((m) => m.clientOrderId)).toEqual(intents(cold.published.slice(before)).map((m) => m.clientOrderId));
    warm.store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('forecasts and indicator rows reach the hooks that want them, and only those strategies subscribe to them', () => {
  const r = recorder();
  const s = strategy.init(strategyProps.parse({ config: { ...CONFIG, id: 'fc', kind: 'forecast', timeframe: '1h', params: { threshold: 0.6 } } }), r.ctx);
  strategy.onStart!(s, r.ctx);
  expect(r.subscribed).toEqual(['candle.BTCUSDT.1h', 'forecast.BTCUSDT.1h', 'trade.acc']);
  const f = {
    type: 'forecast' as const, symbol: 'BTCUSDT', tf: '1h', horizon: 4, model: 'crypto-1h-h4@1', modelId: 'crypto-1h-h4', modelVersion: 1, openTime: bars[0]!.openTime, madeAt: bars[0]!.openTime + 3_600_000,
    targetTime: bars[0]!.openTime + 5 * 3_600_000, price: 100, predictedPrice: 101, predictedReturn: 0.01, low: 99, high: 103, q10: -0.01, q50: 0.00995, q90: 0.0296, confidence: 0.7, direction: 'up',
  };
  strategy.handlers.forecast(s, { ...f, openTime: f.openTime - 3_600_000, madeAt: f.madeAt - 3_600_000, confidence: 0.5 }, r.ctx);
  strategy.handlers.forecast(s, { ...f, direction: 'sideways' }, r.ctx);
  strategy.handlers.forecast(s, f, r.ctx);
  expect(intents(r.published).map((m) => m.clientOrderId)).toEqual([`fc:BTCUSDT:1h:f${f.madeAt}:0`]);
  expect(s.stats).toMatchObject({ events: 2, badEvents: 1, signals: 1 });

  const rows = recorder();
  const ind = strategy.init(strategyProps.parse({ config: { ...CONFIG, id: 'ind', kind: undefined, module: new URL('./testing-module.ts', import.meta.url).pathname } }), rows.ctx);
  strategy.onStart!(ind, rows.ctx);
  expect(rows.subscribed).toEqual(['candle.BTCUSDT.5m', 'indicators.BTCUSDT.5m', 'trade.acc']);
  const values = Object.fromEntries(['sma_20', 'ema_20', 'rsi_14', 'macd', 'macd_signal', 'macd_hist', 'bb_upper', 'bb_middle', 'bb_lower', 'atr_14', 'stoch_k', 'stoch_d', 'obv', 'adx_14', 'willr_14', 'cci_20', 'mfi_14'].map((c) => [c, null]));
  strategy.handlers.indicators(ind, { type: 'indicators', symbol: 'BTCUSDT', tf: '5m', openTime: bars[0]!.openTime, closed: true, values: { ...values, rsi_14: 25 } }, rows.ctx);
  strategy.handlers.indicators(ind, { type: 'indicators', symbol: 'BTCUSDT', tf: '5m', openTime: bars[1]!.openTime, closed: false, values: { ...values, rsi_14: 20 } }, rows.ctx);
  expect(intents(rows.published).map((m) => m.order.side)).toEqual(['buy']);
});
