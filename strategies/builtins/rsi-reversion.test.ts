import { expect, test } from 'bun:test';
import { timeframeMs } from '../../market/timeframes.ts';
import { StrategyRunner } from '../runner.ts';
import { brief, config, cryptoBars, play } from '../testing.ts';
import { rsiReversion } from './rsi-reversion.ts';

const bars = cryptoBars('ETHUSDT', '15m');

/** Wilder's RSI by its definition: the first averages are plain means of the first n changes, then (a·(n−1) + x) / n. */
function rsi(n: number): (number | null)[] {
  const changes = bars.map((b, i) => (i === 0 ? 0 : b.close - bars[i - 1]!.close));
  let gain = changes.slice(1, n + 1).reduce((a, x) => a + Math.max(x, 0), 0) / n;
  let loss = changes.slice(1, n + 1).reduce((a, x) => a + Math.max(-x, 0), 0) / n;
  return bars.map((_, i) => {
    if (i < n) return null;
    if (i > n) {
      gain = (gain * (n - 1) + Math.max(changes[i]!, 0)) / n;
      loss = (loss * (n - 1) + Math.max(-changes[i]!, 0)) / n;
    }
    return gain + loss === 0 ? 0 : (100 * gain) / (gain + loss);
  });
}

function expected(direction: 'long-only' | 'long-short') {
  const values = rsi(14);
  const out: { time: number; symbol: string; side: 'buy' | 'sell'; qty: number }[] = [];
  let held = 0;
  values.forEach((v, i) => {
    if (v === null) return;
    const time = bars[i]!.openTime + timeframeMs('15m');
    const trade = (side: 'buy' | 'sell', qty: number, to: number) => (out.push({ time, symbol: 'ETHUSDT', side, qty }), (held = to));
    if (held === 0 && v < 30) trade('buy', 2, 2);
    else if (held === 0 && v > 70 && direction === 'long-short') trade('sell', 2, -2);
    else if (held > 0 && v >= 50) trade('sell', held, 0);
    else if (held < 0 && v <= 50) trade('buy', -held, 0);
  });
  return out;
}

for (const direction of ['long-only', 'long-short'] as const) {
  test(`RSI(14) mean reversion on ETHUSDT 15m, ${direction}: the decisions of Wilder's RSI recomputed by hand`, () => {
    const cfg = config({ kind: 'rsi-reversion', symbols: ['ETHUSDT'], timeframe: '15m', direction, sizing: { kind: 'fixed', qty: 2 } });
    const signals = play(new StrategyRunner(rsiReversion, cfg), 'ETHUSDT', '15m', bars);
    const want = expected(direction);
    expect(want.length).toBeGreaterThan(20);
    expect(signals.map(brief)).toEqual(want);
  });
}

test('levels out of order are refused by name', () => {
  expect(() => new StrategyRunner(rsiReversion, config({ kind: 'rsi-reversion', params: { oversold: 60 } }))).toThrow('params.exit: must lie between oversold and overbought');
  expect(() => new StrategyRunner(rsiReversion, config({ kind: 'rsi-reversion', params: { overbought: 120 } }))).toThrow('params.overbought: must be between 0 and 100');
});
