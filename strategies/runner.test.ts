import { describe, expect, test } from 'bun:test';
import { timeframeMs } from '../market/timeframes.ts';
import { applyFill, emptyBook, equityOf } from './book.ts';
import { smaCrossover } from './builtins/crossover.ts';
import { StrategyRunner } from './runner.ts';
import { annualisedVolatility, floorToLot } from './sizing.ts';
import type { OrderIntent, StrategyContext, StrategyDefinition } from './strategy.ts';
import { config, cryptoBars, play } from './testing.ts';

const HOUR = timeframeMs('1h');
const bars = cryptoBars('BTCUSDT', '1h');

/** A strategy that answers what the test gives it, and keeps the contexts it saw. */
function scripted(answer: (ctx: StrategyContext, i: number) => unknown): StrategyDefinition & { seen: StrategyContext[] } {
  const seen: StrategyContext[] = [];
  return {
    name: 'scripted',
    seen,
    create: () => {
      let i = 0;
      return { onCandle: (_e, ctx) => (seen.push(ctx), answer(ctx, i++) as OrderIntent[]) };
    },
  };
}
const candle = (i: number, symbol = 'BTCUSDT') => ({ symbol, tf: '1h' as const, candle: bars[i]!, time: bars[i]!.openTime + HOUR });

describe('book', () => {
  test('average entry, realised P&L and cash through adds, a partial close and a flip', () => {
    const b = emptyBook(10_000);
    applyFill(b, 'a', 'X', 'buy', 2, 100);
    applyFill(b, 'b', 'X', 'buy', 2, 110);
    expect(b.positions.X).toEqual({ symbol: 'X', qty: 4, avgEntryPrice: 105 });
    applyFill(b, 'c', 'X', 'sell', 1, 120);
    expect(b.positions.X).toEqual({ symbol: 'X', qty: 3, avgEntryPrice: 105 });
    expect(b.realizedPnl).toBe(15);
    applyFill(b, 'd', 'X', 'sell', 5, 100);
    expect(b.positions.X).toEqual({ symbol: 'X', qty: -2, avgEntryPrice: 100 });
    expect(b.realizedPnl).toBe(0);
    expect(b.cash).toBe(10_000 - 200 - 220 + 120 + 500);
    expect(equityOf(b, () => 90)).toBe(b.cash! - 180);
    applyFill(b, 'e', 'X', 'buy', 2, 90);
    expect(b.positions).toEqual({});
    expect(b.realizedPnl).toBe(20);
  });
});

describe('sizing', () => {
  test('equity: pct of cash plus marked positions at the last close, rounded down to the lot', () => {
    const def = scripted((ctx) => [{ symbol: 'BTCUSDT', side: 'buy', qty: ctx.size('BTCUSDT'), reason: 'in' }]);
    const runner = new StrategyRunner(def, config({ module: undefined, kind: 'sma-crossover', sizing: { kind: 'equity', pct: 25 }, capital: 50_000 }));
    const out = runner.candle(candle(0));
    expect(out.signals[0]!.qty).toBe(floorToLot((50_000 * 0.25) / bars[0]!.close));
    expect(def.seen[0]!.equity).toBe(50_000);
  });

  test('volatility: the notional whose annualised σ is the target, capped, once the lookback is full', () => {
    const def = scripted((ctx) => (ctx.size('BTCUSDT') > 0 ? [{ symbol: 'BTCUSDT', side: 'buy', qty: ctx.size('BTCUSDT'), reason: 'in' }] : []));
    const cfg = config({ kind: 'sma-crossover', sizing: { kind: 'volatility', targetPct: 20, lookback: 24, maxPct: 80 }, capital: 100_000 });
    const runner = new StrategyRunner(def, cfg);
    for (let i = 0; i < 24; i++) expect(runner.candle(candle(i)).signals).toEqual([]);
    const out = runner.candle(candle(24));
    const closes = bars.slice(0, 25).map((b) => b.close);
    const r = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const sigma = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1)) * Math.sqrt(365 * 24);
    expect(annualisedVolatility(closes, '1h')).toBeCloseTo(sigma, 12);
    const notional = Math.min((100_000 * 0.2) / sigma, 80_000);
    expect(out.signals[0]!.qty).toBe(floorToLot(notional / bars[24]!.close));
  });

  test('a config that sizes by equity needs a capital', () => {
    expect(() => config({ kind: 'sma-crossover', sizing: { kind: 'equity', pct: 10 } })).toThrow('sizing equity needs capital');
  });
});

describe('exits', () => {
  test('stop-loss and take-profit close a long at market on the candle that reached them, once', () => {
    const cfg = config({ kind: 'sma-crossover', exits: { stopLossPct: 1.5, takeProfitPct: 3 } });
    const signals = play(new StrategyRunner(smaCrossover, cfg), 'BTCUSDT', '1h', bars);
    const exits = signals.filter((g) => g.trigger === 'exit');
    expect(exits.length).toBeGreaterThan(3);
    // Recompute each exit from the entry that came before it.
    for (const x of exits) {
      const entry = signals.filter((g) => g.side === 'buy' && g.time < x.time).at(-1)!;
      const fillBar = bars.find((b) => b.openTime === entry.time)!;
      const i = bars.findIndex((b) => b.openTime + HOUR === x.time);
      const hit = bars[i]!;
      const stop = fillBar.open * (1 - 0.015);
      const take = fillBar.open * 1.03;
      expect(x.side).toBe('sell');
      expect(x.qty).toBe(1);
      expect(hit.low <= stop || hit.high >= take).toBe(true);
      expect(x.reason.startsWith(hit.low <= stop ? 'stop-loss' : 'take-profit')).toBe(true);
      // and no earlier candle since the fill reached either
      for (const b of bars.slice(bars.indexOf(fillBar), i)) expect(b.low > stop && b.high < take).toBe(true);
    }
  });
});

describe('intents', () => {
  test('long-only clips a sell to what will be held, and drops one with nothing held; both are reported', () => {
    const runner = new StrategyRunner(
      scripted((_ctx, i) => (i === 0 ? [{ symbol: 'BTCUSDT', side: 'sell', qty: 1, reason: 'short?' }] : [{ symbol: 'BTCUSDT', side: 'buy', qty: 2, reason: 'in' }, { symbol: 'BTCUSDT', side: 'sell', qty: 5, reason: 'all out' }])),
      config({ kind: 'sma-crossover' }),
    );
    const first = runner.candle(candle(0));
    expect(first.signals).toEqual([]);
    expect(first.skipped[0]!.why).toBe('long-only: nothing held to sell');
    const second = runner.candle(candle(1));
    expect(second.signals.map((g) => [g.side, g.qty, g.clientOrderId])).toEqual([
      ['buy', 2, `test:BTCUSDT:1h:c${bars[1]!.openTime + HOUR}:0`],
      ['sell', 2, `test:BTCUSDT:1h:c${bars[1]!.openTime + HOUR}:1`],
    ]);
  });

  test('a bad intent, a foreign symbol, a non-array answer and a throwing hook decide nothing and say why', () => {
    const answers: unknown[] = [
      [{ symbol: 'BTCUSDT', side: 'hold', qty: 1, reason: 'x' }],
      [{ symbol: 'ETHUSDT', side: 'buy', qty: 1, reason: 'x' }],
      [{ symbol: 'BTCUSDT', side: 'buy', qty: Number.NaN, reason: 'x' }],
      [{ symbol: 'BTCUSDT', side: 'buy', qty: 1, type: 'limit', reason: 'x' }],
      'buy',
    ];
    const runner = new StrategyRunner(
      scripted((_c, i) => {
        if (i === answers.length) throw new Error('boom');
        return answers[i];
      }),
      config({ kind: 'sma-crossover' }),
    );
    const why = answers.concat([null]).map((_, i) => {
      const o = runner.candle(candle(i));
      expect(o.signals).toEqual([]);
      return o.error ?? o.skipped[0]!.why;
    });
    expect(why).toEqual([
      'intent.side must be buy or sell, got "hold"',
      "ETHUSDT is not one of the strategy's symbols",
      'intent.qty must be a number',
      'a limit intent needs limitPrice',
      'candle hook must answer an array of intents or nothing, got string',
      'candle hook threw: boom',
    ]);
    expect(runner.getState()).toMatchObject({ skipped: 4, errors: 2 });
  });

  test('the context: own position, pending, exposure, cash and the last close', () => {
    const def = scripted((_c, i) => (i === 0 ? [{ symbol: 'BTCUSDT', side: 'buy', qty: 0.25, reason: 'in' }] : []));
    const runner = new StrategyRunner(def, config({ kind: 'sma-crossover', capital: 1_000_000 }));
    const [g] = runner.candle(candle(0)).signals;
    runner.candle(candle(1));
    expect([def.seen[1]!.position('BTCUSDT'), def.seen[1]!.pending('BTCUSDT'), def.seen[1]!.exposure('BTCUSDT')]).toEqual([0, 0.25, 0.25]);
    runner.fill({ symbol: 'BTCUSDT', side: 'buy', qty: 0.25, price: 50_000, time: bars[2]!.openTime, clientOrderId: g!.clientOrderId, reason: '' });
    runner.candle(candle(2));
    const ctx = def.seen[2]!;
    expect([ctx.position('BTCUSDT'), ctx.pending('BTCUSDT'), ctx.cash, ctx.price('BTCUSDT')]).toEqual([0.25, 0, 1_000_000 - 12_500, bars[2]!.close]);
    expect(ctx.equity).toBe(1_000_000 - 12_500 + 0.25 * bars[2]!.close);
  });
});
