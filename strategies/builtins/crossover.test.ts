import { describe, expect, test } from 'bun:test';
import { timeframeMs } from '../../market/timeframes.ts';
import { StrategyRunner } from '../runner.ts';
import { brief, config, cryptoBars, play } from '../testing.ts';
import { emaCrossover, smaCrossover } from './crossover.ts';

const HOUR = timeframeMs('1h');
const bars = cryptoBars('BTCUSDT', '1h');

/** The mean of the n closes ending at i, summed afresh: no running sum shared with the code under test. */
const sma = (i: number, n: number) => (i + 1 < n ? null : bars.slice(i + 1 - n, i + 1).reduce((a, b) => a + b.close, 0) / n);

/** The rule, by hand: long-only, 1 BTC in on a cross above, everything out on a cross below. */
function expectedSmaDecisions(fast: number, slow: number) {
  const out: { time: number; symbol: string; side: 'buy' | 'sell'; qty: number }[] = [];
  let held = 0;
  for (let i = 1; i < bars.length; i++) {
    const [f, s, pf, ps] = [sma(i, fast), sma(i, slow), sma(i - 1, fast), sma(i - 1, slow)];
    if (f === null || s === null || pf === null || ps === null) continue;
    const time = bars[i]!.openTime + HOUR;
    if (held === 0 && f > s && pf <= ps) out.push({ time, symbol: 'BTCUSDT', side: 'buy', qty: 1 }), (held = 1);
    else if (held > 0 && f < s && pf >= ps) out.push({ time, symbol: 'BTCUSDT', side: 'sell', qty: held }), (held = 0);
  }
  return out;
}

describe('sma-crossover', () => {
  test('SMA(10) vs SMA(30) of the 1h close, long-only, 1.0 BTC: exactly the crosses recomputed by hand', () => {
    const cfg = config({ kind: 'sma-crossover', params: { fast: 10, slow: 30 }, sizing: { kind: 'fixed', qty: 1 } });
    const runner = new StrategyRunner(smaCrossover, cfg);
    const signals = play(runner, 'BTCUSDT', '1h', bars);
    const expected = expectedSmaDecisions(10, 30);
    expect(expected.length).toBeGreaterThan(10); // a month of hours crosses often enough to mean something
    expect(signals.map(brief)).toEqual(expected);
    expect(signals.every((g) => g.orderType === 'market' && g.trigger === 'candle')).toBe(true);
    expect(signals[0]!.clientOrderId).toBe(`test:BTCUSDT:1h:c${expected[0]!.time}:0`);
  });

  test('long-short: a cross below goes from long 1 to short 1 in one sell of 2', () => {
    const cfg = config({ kind: 'sma-crossover', direction: 'long-short', sizing: { kind: 'fixed', qty: 1 } });
    const signals = play(new StrategyRunner(smaCrossover, cfg), 'BTCUSDT', '1h', bars);
    const crosses = expectedSmaDecisions(10, 30).length;
    expect(signals.length).toBeGreaterThanOrEqual(crosses);
    expect(signals[0]!.qty).toBe(1);
    expect(signals.slice(1).every((g) => g.qty === 2)).toBe(true);
    expect(signals.every((g, i) => i === 0 || g.side !== signals[i - 1]!.side)).toBe(true);
  });

  test('restored from getState mid-month, it decides exactly as the uninterrupted one', () => {
    const cfg = config({ kind: 'sma-crossover' });
    const whole = play(new StrategyRunner(smaCrossover, cfg), 'BTCUSDT', '1h', bars);
    const first = new StrategyRunner(smaCrossover, cfg);
    const half = Math.floor(bars.length / 2);
    const a = play(first, 'BTCUSDT', '1h', bars.slice(0, half));
    const resumed = new StrategyRunner(smaCrossover, cfg, JSON.parse(JSON.stringify(first.getState())));
    // The orders of the last candle before the cut fill at the first open after it.
    const pending = a.filter((g) => g.time === bars[half - 1]!.openTime + HOUR);
    for (const g of pending) resumed.fill({ symbol: g.symbol, side: g.side, qty: g.qty, price: bars[half]!.open, time: bars[half]!.openTime, clientOrderId: g.clientOrderId, reason: g.reason });
    const b = play(resumed, 'BTCUSDT', '1h', bars.slice(half));
    expect([...a, ...b].map(brief)).toEqual(whole.map(brief));
  });

  test('a candle heard twice, or an older one, is decided once', () => {
    const runner = new StrategyRunner(smaCrossover, config({ kind: 'sma-crossover' }));
    const signals = play(runner, 'BTCUSDT', '1h', bars);
    const again = play(runner, 'BTCUSDT', '1h', bars);
    expect(signals.length).toBeGreaterThan(0);
    expect(again).toEqual([]);
  });
});

describe('ema-crossover', () => {
  test('EMA(12) vs EMA(26), seeded by their SMA as TA-Lib does: the crosses recomputed by hand', () => {
    const ema = (n: number) => {
      const k = 2 / (n + 1);
      const out: (number | null)[] = [];
      let e = 0;
      bars.forEach((b, i) => {
        if (i < n - 1) return out.push(null);
        e = i === n - 1 ? bars.slice(0, n).reduce((a, x) => a + x.close, 0) / n : e + k * (b.close - e);
        out.push(e);
      });
      return out;
    };
    const [fast, slow] = [ema(12), ema(26)];
    const expected: { time: number; side: 'buy' | 'sell' }[] = [];
    let held = 0;
    for (let i = 1; i < bars.length; i++) {
      const [f, s, pf, ps] = [fast[i], slow[i], fast[i - 1], slow[i - 1]];
      if (f == null || s == null || pf == null || ps == null) continue;
      if (held === 0 && f > s && pf <= ps) expected.push({ time: bars[i]!.openTime + HOUR, side: 'buy' }), (held = 1);
      else if (held > 0 && f < s && pf >= ps) expected.push({ time: bars[i]!.openTime + HOUR, side: 'sell' }), (held = 0);
    }
    const signals = play(new StrategyRunner(emaCrossover, config({ kind: 'ema-crossover', params: { fast: 12, slow: 26 } })), 'BTCUSDT', '1h', bars);
    expect(expected.length).toBeGreaterThan(5);
    expect(signals.map((g) => ({ time: g.time, side: g.side }))).toEqual(expected);
  });

  test('params are checked with their names', () => {
    expect(() => new StrategyRunner(emaCrossover, config({ kind: 'ema-crossover', params: { fast: 30, slow: 10 } }))).toThrow('params.fast: must be shorter than slow');
    expect(() => new StrategyRunner(emaCrossover, config({ kind: 'ema-crossover', params: { fats: 3 } }))).toThrow('params');
  });
});
