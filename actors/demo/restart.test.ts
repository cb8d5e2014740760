import { describe, expect, test } from 'bun:test';
import { address } from '../../engine/index.ts';
import { ProbeContext } from '../../engine/testing/probe.ts';
import { board } from './board.ts';
import type { PriceMsg } from './messages.ts';
import { ticker } from './ticker.ts';

/** A recording context, with the views these tests read. */
function fakeContext() {
  const probe = new ProbeContext(address('ticker', 'T'));
  return {
    ctx: probe,
    get published() {
      return probe.published.map((p) => p.msg);
    },
    get subscribed() {
      return [...probe.subscriptions];
    },
    get timers() {
      return [...probe.timers.values()].map((t) => t.every);
    },
  };
}

const props = { symbol: 'ETHUSDT', start: 3100, volatility: 0.01, intervalMs: 500 };
const tick = { type: 'tick' } as const;

describe('restarts continue where the actor left off', () => {
  test('a restored ticker walks on exactly as if it had never stopped', () => {
    const straight = fakeContext();
    const s = ticker.init(props, straight.ctx);
    for (let i = 0; i < 6; i++) ticker.handlers.tick(s, tick, straight.ctx);

    const resumed = fakeContext();
    const before = ticker.init(props, resumed.ctx);
    for (let i = 0; i < 3; i++) ticker.handlers.tick(before, tick, resumed.ctx);
    const snap = structuredClone(ticker.snapshot!(before));
    const after = ticker.restore!(snap, props, resumed.ctx);
    ticker.onStart!(after, resumed.ctx);
    for (let i = 0; i < 3; i++) ticker.handlers.tick(after, tick, resumed.ctx);

    expect(resumed.published).toEqual(straight.published);
    expect(after.ticks).toBe(6);
    expect(resumed.timers).toEqual([500]); // the timer is armed again after a restore
  });

  test('a restored board keeps its lines and subscribes again', () => {
    const first = fakeContext();
    const s = board.init(undefined, first.ctx);
    const price: PriceMsg = { type: 'price', symbol: 'AAPL', price: 190, at: 1 };
    board.handlers.price(s, price, first.ctx);
    board.handlers.price(s, { ...price, price: 185, at: 2 }, first.ctx);

    const again = fakeContext();
    const restored = board.restore!(structuredClone(board.snapshot!(s)), undefined, again.ctx);
    expect(restored).toEqual({ symbols: { AAPL: { last: 185, at: 2, ticks: 2, min: 185, max: 190 } }, ticks: 2 });
    expect(again.subscribed).toEqual(['demo.price.*']);
  });
});
