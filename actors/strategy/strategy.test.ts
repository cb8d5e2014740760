import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledBars, crypto1m } from '../../data/read.ts';
import { address } from '../../engine/index.ts';
import { candleTopic, tradeTopic } from '../../market/topics.ts';
import { smaCrossover } from '../../strategies/builtins/crossover.ts';
import { StrategyRunner } from '../../strategies/runner.ts';
import type { Signal } from '../../strategies/signal.ts';
import { brief, config, playMany, resample } from '../../strategies/testing.ts';
import { AccountLog } from '../../storage/sqlite/account-log.ts';
import { open, SignalStore } from '../../storage/sqlite/index.ts';
import donchian from '../../examples/strategies/donchian-breakout.ts';
import type { AccountView, PositionView } from '../account/views.ts';
import { restoreStrategies, startStrategy } from './start.ts';
import type { StrategyView } from './messages.ts';
import { startHarness, T0 } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-strategy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BARS = 720; // twelve hours of 1m bars
const END = T0 + (BARS + 1) * 60_000;
const MID = T0 + 5 * 3_600_000 + 17 * 60_000;
const SMA = { id: 'sma', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '5m', accountId: 'acc', params: { fast: 5, slow: 15 }, sizing: { kind: 'fixed', qty: 1 } };
const DONCHIAN = { id: 'donchian', module: 'examples/strategies/donchian-breakout.ts', symbols: ['BTCUSDT'], timeframe: '15m', accountId: 'acc', params: { entry: 8, exit: 4 }, sizing: { kind: 'fixed', qty: 0.5 } };

/** What the pure runners decide on the same candles: every one the replay closes (the last of each timeframe never closes). */
const minutes = bundledBars(crypto1m('BTCUSDT')).slice(0, BARS);
const candles = (tf: '5m' | '15m') => resample(minutes, tf).slice(0, -1);
const expected = {
  sma: playMany(new StrategyRunner(smaCrossover, config(SMA as never)), [{ symbol: 'BTCUSDT', tf: '5m', bars: candles('5m') }]).map(brief),
  donchian: playMany(new StrategyRunner(donchian as never, config({ ...DONCHIAN, module: 'x' } as never)), [{ symbol: 'BTCUSDT', tf: '15m', bars: candles('15m') }]).map(brief),
};

type AccountAnswer = { account: AccountView; positions: PositionView[] };
const sent = (published: Signal[], id: string) => published.filter((g) => g.strategyId === id && g.status === 'sent').map(brief);

/** The harness run to the end with both strategies started. */
async function run(db: string, workers = 2) {
  const h = await startHarness({ db, bars: BARS, workers });
  await startStrategy(h.system, SMA, { db });
  await startStrategy(h.system, DONCHIAN, { db });
  await h.runUntil(END);
  const views = { sma: await h.system.ask<StrategyView>(address('strategy', 'sma'), { type: 'view' }), donchian: await h.system.ask<StrategyView>(address('strategy', 'donchian'), { type: 'view' }) };
  const account = await h.system.ask<AccountAnswer>(address('account', 'acc'), { type: 'view' });
  await h.stop();
  return { h, views, account };
}

const baseline = await run(join(dir, 'baseline.db'));

test("two strategies on one account, a built-in and a module of one's own: the signals are the pure runners', stored, filled once each", async () => {
  const { h, views, account } = baseline;
  expect(expected.sma.length).toBeGreaterThanOrEqual(4);
  expect(expected.donchian.length).toBeGreaterThanOrEqual(2);
  expect(sent(h.published, 'sma')).toEqual(expected.sma);
  expect(sent(h.published, 'donchian')).toEqual(expected.donchian);
  const store = new SignalStore(open(join(dir, 'baseline.db')));
  for (const id of ['sma', 'donchian'] as const) {
    const stored = store.recent(id, { limit: 100 }).reverse();
    expect(stored.map(brief)).toEqual(expected[id]);
    expect(stored.filter((g) => g.status !== 'filled').map((g) => g.time)).toEqual(stored.at(-1)!.time > END - 3 * 60_000 ? [stored.at(-1)!.time] : []);
    expect(views[id].signals.map(brief)).toEqual([...expected[id]].reverse().slice(0, 20));
    expect(views[id].state.stats).toMatchObject({ signals: expected[id].length, errors: 0, badEvents: 0 });
  }
  // Each book holds its own strategy's position; the account holds their sum.
  const held = (id: 'sma' | 'donchian') => expected[id].reduce((q, g) => q + (g.side === 'buy' ? g.qty : -g.qty), 0);
  expect(views.sma.positions.map((p) => p.qty)).toEqual(held('sma') ? [held('sma')] : []);
  expect(views.donchian.positions.map((p) => p.qty)).toEqual(held('donchian') ? [held('donchian')] : []);
  expect(account.positions.map((p) => p.qty)).toEqual(held('sma') + held('donchian') ? [held('sma') + held('donchian')] : []);
  expect(account.account.fills).toBe(expected.sma.length + expected.donchian.length);
});

test('on one worker as on two: the same signals, statuses, fills and books, in the same order', async () => {
  const one = await run(join(dir, 'one.db'), 1);
  expect(one.h.published).toEqual(baseline.h.published);
  expect(one.account).toEqual(baseline.account);
  expect(one.views).toEqual(baseline.views);
});

test('an engine stopped mid-run and started again on its database: the strategies come back warmed up, with their books, and nothing is sent twice', async () => {
  const db = join(dir, 'restart.db');
  const first = await startHarness({ db, bars: BARS });
  await startStrategy(first.system, SMA, { db });
  await startStrategy(first.system, DONCHIAN, { db });
  await first.runUntil(MID);
  await first.stop();

  const second = await startHarness({ db, bars: BARS });
  const restored = await restoreStrategies(second.system, db);
  expect(restored).toEqual({ started: ['donchian', 'sma'], failed: [] });
  await second.runUntil(END);
  const view = await second.system.ask<StrategyView>(address('strategy', 'sma'), { type: 'view' });
  const account = await second.system.ask<AccountAnswer>(address('account', 'acc'), { type: 'view' });
  await second.stop();

  expect(view.state.stats.warmedCandles).toBeGreaterThan(0);
  const store = new SignalStore(open(db));
  for (const id of ['sma', 'donchian'] as const) expect(store.recent(id, { limit: 100 }).reverse().map(brief)).toEqual(expected[id]);
  expect(account.positions).toEqual(baseline.account.positions);
  // Every order the account accepted has a client_order_id of its own.
  const log = AccountLog.open(db, 'acc');
  const ids = log.readSince(0).flatMap((e) => ((e.event as { type: string }).type === 'accepted' ? [(e.event as { order: { client_order_id: string } }).order.client_order_id] : []));
  log.close();
  expect(ids.length).toBe(expected.sma.length + expected.donchian.length);
  expect(new Set(ids).size).toBe(ids.length);
});

test('a bad event is counted and named, never a crash; a candle heard again decides nothing', async () => {
  const db = join(dir, 'bad.db');
  const h = await startHarness({ db, bars: 1 });
  await startStrategy(h.system, { ...SMA, timeframe: '1h' }, { db });
  await h.runUntil(T0 + 60_000);
  const publish = (t: string, m: Record<string, unknown>) => h.system.publish(t as never, m as never);
  publish(candleTopic('BTCUSDT', '1h'), { type: 'candle', symbol: 'BTCUSDT', closed: true, candle: { tf: '1h', openTime: T0, open: 1, high: 0.5, low: 2, close: 1, volume: 1 } });
  publish(candleTopic('BTCUSDT', '1h'), { type: 'candle', symbol: 'BTCUSDT', closed: true, candle: 'nonsense' });
  publish(candleTopic('BTCUSDT', '1h'), { type: 'candle', symbol: 'BTCUSDT', closed: true }); // refused at the worker boundary: a dead letter
  const before = (await h.system.ask<StrategyView>(address('strategy', 'sma'), { type: 'view' })).state.stats;
  expect(before).toMatchObject({ badEvents: 2, events: 0 });
  expect(before.lastError).toStartWith('bad candle of BTCUSDT');
  publish(tradeTopic('acc'), { type: 'trade_update', accountId: 'acc', event: 'fill', at: T0, order: { client_order_id: 7 }, price: 1, qty: 1, positionQty: 1 });
  const good = { type: 'candle', symbol: 'BTCUSDT', closed: true, candle: { tf: '1h', openTime: T0, open: 10, high: 12, low: 9, close: 11, volume: 1, prints: 4 } };
  publish(candleTopic('BTCUSDT', '1h'), good);
  publish(candleTopic('BTCUSDT', '1h'), good);
  const view = await h.system.ask<StrategyView>(address('strategy', 'sma'), { type: 'view' });
  await h.stop();
  // Two closed candles heard (the good one twice), two bad ones and a bad trade update; the dead letter never reached it.
  expect(view.state.stats).toMatchObject({ badEvents: 3, events: 2, errors: 0, signals: 0 });
  expect(view.state.stats.lastError).toStartWith('bad trade update');
});
