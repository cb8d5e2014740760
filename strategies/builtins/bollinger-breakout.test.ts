import { expect, test } from 'bun:test';
import { timeframeMs } from '../../market/timeframes.ts';
import { StrategyRunner } from '../runner.ts';
import { brief, config, cryptoBars, play } from '../testing.ts';
import { bollingerBreakout } from './bollinger-breakout.ts';

const bars = cryptoBars('SOLUSDT', '1h');

/** Mean and population σ of the 20 closes ending at i, from scratch. */
function bands(i: number, n = 20, k = 2) {
  if (i + 1 < n) return null;
  const w = bars.slice(i + 1 - n, i + 1).map((b) => b.close);
  const mean = w.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return { upper: mean + k * sd, middle: mean, lower: mean - k * sd };
}

test('Bollinger(20, 2) breakout on SOLUSDT 1h, long-short: the band crossings recomputed by hand', () => {
  const out: { time: number; symbol: string; side: 'buy' | 'sell'; qty: number }[] = [];
  let held = 0;
  bars.forEach((bar, i) => {
    const b = bands(i);
    if (!b) return;
    const time = bar.openTime + timeframeMs('1h');
    const to = (target: number) => {
      if (target === held) return;
      out.push({ time, symbol: 'SOLUSDT', side: target > held ? 'buy' : 'sell', qty: Math.abs(target - held) });
      held = target;
    };
    if (bar.close > b.upper) to(held > 0 ? held : 10);
    else if (bar.close < b.lower) to(held < 0 ? held : -10);
    else if ((held > 0 && bar.close < b.middle) || (held < 0 && bar.close > b.middle)) to(0);
  });
  const cfg = config({ kind: 'bollinger-breakout', symbols: ['SOLUSDT'], direction: 'long-short', sizing: { kind: 'fixed', qty: 10 } });
  const signals = play(new StrategyRunner(bollingerBreakout, cfg), 'SOLUSDT', '1h', bars);
  expect(out.length).toBeGreaterThan(10);
  // σ is summed in another order here than in market/indicators: equal to the last bits, so the same decisions.
  expect(signals.map(brief)).toEqual(out);
});

test('long-only never sells what it does not hold', () => {
  const cfg = config({ kind: 'bollinger-breakout', symbols: ['SOLUSDT'], sizing: { kind: 'fixed', qty: 10 } });
  const signals = play(new StrategyRunner(bollingerBreakout, cfg), 'SOLUSDT', '1h', bars);
  let held = 0;
  for (const g of signals) {
    held += g.side === 'buy' ? g.qty : -g.qty;
    expect(held).toBeGreaterThanOrEqual(0);
  }
  expect(signals.length).toBeGreaterThan(4);
});
