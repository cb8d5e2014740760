import { expect, test } from 'bun:test';
import { timeframeMs } from '../../market/timeframes.ts';
import { StrategyRunner } from '../runner.ts';
import { brief, config, cryptoBars, playMany } from '../testing.ts';
import { multiTimeframe } from './multi-timeframe.ts';

const [M5, H1] = [timeframeMs('5m'), timeframeMs('1h')];

/** TA-Lib's EMA: seeded by the SMA of the first n values. */
function ema(values: readonly number[], n: number): (number | null)[] {
  const k = 2 / (n + 1);
  let e = 0;
  return values.map((v, i) => {
    if (i < n - 1) return null;
    e = i === n - 1 ? values.slice(0, n).reduce((a, x) => a + x, 0) / n : e + k * (v - e);
    return e;
  });
}

test('trend on 1h, entries on 5m, two symbols in one strategy: the decisions recomputed by hand', () => {
  const symbols = ['BTCUSDT', 'ETHUSDT'];
  const want: { time: number; symbol: string; side: 'buy' | 'sell'; qty: number }[] = [];
  const streams = symbols.flatMap((symbol) => [
    { symbol, tf: '5m' as const, bars: cryptoBars(symbol, '5m').slice(0, 3000) },
    { symbol, tf: '1h' as const, bars: cryptoBars(symbol, '1h').slice(0, 250) },
  ]);
  for (const symbol of symbols) {
    const [m5, h1] = [streams.find((s) => s.symbol === symbol && s.tf === '5m')!.bars, streams.find((s) => s.symbol === symbol && s.tf === '1h')!.bars];
    const trendEma = ema(h1.map((b) => b.close), 20);
    const [fast, slow] = [ema(m5.map((b) => b.close), 9), ema(m5.map((b) => b.close), 21)];
    let held = 0;
    for (let i = 1; i < m5.length; i++) {
      const t = m5[i]!.openTime + M5;
      // The hour closing at t closes after the 5m candle (finer first): the trend is the hour before.
      const h = h1.findLastIndex((b) => b.openTime + H1 < t);
      const side = h < 0 || trendEma[h] === null ? 0 : Math.sign(h1[h]!.close - trendEma[h]!);
      const [f, s, pf, ps] = [fast[i], slow[i], fast[i - 1], slow[i - 1]];
      if (f == null || s == null || pf == null || ps == null) continue;
      const up = f > s && pf <= ps;
      const down = f < s && pf >= ps;
      const to = (target: number) => {
        if (target === held) return;
        want.push({ time: t, symbol, side: target > held ? 'buy' : 'sell', qty: Math.abs(target - held) });
        held = target;
      };
      if (up && side > 0) to(held > 0 ? held : 1);
      else if (up && held < 0) to(0);
      else if (down && side < 0) to(held < 0 ? held : -1);
      else if (down && held > 0) to(0);
    }
  }
  const cfg = config({ kind: 'multi-timeframe', symbols, timeframe: '5m', timeframes: ['1h'], direction: 'long-short', params: { trendTimeframe: '1h', trendPeriod: 20 } });
  const got = playMany(new StrategyRunner(multiTimeframe, cfg), streams);
  const order = (a: { time: number; symbol: string }, b: { time: number; symbol: string }) => a.time - b.time || symbols.indexOf(a.symbol) - symbols.indexOf(b.symbol);
  expect(want.length).toBeGreaterThan(20);
  expect(got.map(brief)).toEqual(want.sort(order));
  expect(new Set(got.map((g) => g.symbol))).toEqual(new Set(symbols));
});

test('a trend timeframe the config does not hear, or one not coarser, is refused with the reason', () => {
  expect(() => new StrategyRunner(multiTimeframe, config({ kind: 'multi-timeframe', timeframe: '5m' }))).toThrow("params.trendTimeframe 1h must be one of the config's timeframes");
  expect(() => new StrategyRunner(multiTimeframe, config({ kind: 'multi-timeframe', timeframe: '4h', timeframes: ['1h'] }))).toThrow('must be coarser than the decision timeframe 4h');
});
