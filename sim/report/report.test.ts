import { describe, expect, test } from 'bun:test';
import type { Bar } from '../../market/candles/candle.ts';
import type { Series } from '../data/load.ts';
import { buildReport, type ReportInput } from './build.ts';
import { buyAndHold, equityCurve, marksOf } from './equity.ts';
import { renderHtml } from './html.ts';
import { metricsOf } from './metrics.ts';
import { roundTrips } from './trips.ts';
import type { ReportFill } from './types.ts';

const H = 3_600_000;
const T0 = Date.UTC(2021, 3, 5);
const fill = (time: number, side: 'buy' | 'sell', qty: number, price: number, fee = 0, symbol = 'BTCUSDT'): ReportFill => ({ time, symbol, side, qty, price, fee, orderId: `o${time}`, clientOrderId: `c${time}` });
/** 15-minute bars of one symbol closing at the given prices (open = the previous close). */
function series(closes: number[], symbol = 'BTCUSDT'): Series {
  const bars: Bar[] = closes.map((c, i) => {
    const open = i === 0 ? c : closes[i - 1]!;
    return { openTime: T0 + i * 15 * 60_000, open, high: Math.max(open, c), low: Math.min(open, c), close: c, volume: 1 };
  });
  return { symbol, tf: '15m', bars };
}

describe('round trips', () => {
  test('open to flat is one trip; adding belongs to it; a fill through zero closes one trip and opens the next, its fee split', () => {
    const trips = roundTrips([fill(1, 'buy', 1, 100, 1), fill(2, 'buy', 1, 110, 1), fill(3, 'sell', 3, 120, 3), fill(4, 'buy', 1, 100, 1)], () => 999);
    expect(trips).toEqual([
      { symbol: 'BTCUSDT', direction: 'long', qty: 2, entryTime: 1, entryPrice: 105, exitTime: 3, exitPrice: 120, pnl: 30 - 2 - 2, fees: 4, returnPct: (26 / 210) * 100, open: false },
      { symbol: 'BTCUSDT', direction: 'short', qty: 1, entryTime: 3, entryPrice: 120, exitTime: 4, exitPrice: 100, pnl: 20 - 1 - 1, fees: 2, returnPct: (18 / 120) * 100, open: false },
    ]);
  });

  test('a trip still open at the end is valued at the last close, and listed by when it opened', () => {
    const trips = roundTrips([fill(5, 'buy', 2, 50, 0.1, 'ETHUSDT'), fill(1, 'buy', 1, 100, 0.1), fill(6, 'sell', 1, 90, 0.09)], (s) => (s === 'ETHUSDT' ? 60 : 0));
    expect(trips.map((t) => [t.symbol, t.open, t.exitTime, t.exitPrice])).toEqual([
      ['BTCUSDT', false, 6, 90],
      ['ETHUSDT', true, null, 60],
    ]);
    expect(trips[1]!.pnl).toBeCloseTo(2 * (60 - 50) - 0.1, 10);
  });
});

describe('the equity curve', () => {
  const s = series([100, 102, 104, 101, 99, 103]); // an hour and a half of 15-minute bars
  test('marked at the start, then at each close of `every` (the last, partial bucket at its last bar), fills counted from their own time', () => {
    const marks = marksOf([s], '1h');
    expect(marks.times).toEqual([T0, T0 + H, T0 + 1.5 * H]);
    // Bought 1 at the second hour's open (101): not in the first hour's close, in the second's.
    const { curve, cash, positions } = equityCurve(marks, [fill(T0 + H, 'buy', 1, 101, 0.5)], 1_000);
    expect(curve).toEqual([
      [T0, 1_000],
      [T0 + H, 1_000],
      [T0 + 1.5 * H, 1_000 - 101 - 0.5 + 103],
    ]);
    expect(cash).toBe(1_000 - 101 - 0.5);
    expect(positions.get('BTCUSDT')).toBe(1);
  });

  test('buy and hold: the cash split evenly, each bought at its first open with the commission, held to the end', () => {
    const eth = series([10, 11, 12, 13, 12, 14], 'ETHUSDT');
    const marks = marksOf([s, eth], '1h');
    const { curve, fills } = buyAndHold(marks, ['BTCUSDT', 'ETHUSDT'], 1_000, 1);
    expect(fills.map((f) => [f.symbol, f.qty, f.price])).toEqual([
      ['BTCUSDT', 4.95049504, 100],
      ["ETHUSDT", 49.50495049, 10],
    ]);
    expect(curve[0]![1]).toBeCloseTo(1_000 - 4.950495 - 4.950495, 5);
    expect(curve.at(-1)![1]).toBeCloseTo(1_000 - fills.reduce((a, f) => a + f.qty * f.price + f.fee, 0) + 4.95049504 * 103 + 49.50495049 * 14, 6);
  });
});

describe('metrics', () => {
  test('CAGR over the curve\'s span, volatility as the annualised sample deviation; market/analytics for the rest', () => {
    const day = 86_400_000;
    const curve = [[0, 100], [day, 110], [2 * day, 99], [3 * day, 121]] as const;
    const m = metricsOf(curve, [], 0, { periodsPerYear: 365, riskFreeRate: 0 });
    expect(m.totalReturn).toBeCloseTo(0.21, 12);
    expect(m.cagr).toBeCloseTo(1.21 ** (365.25 / 3) - 1, 6);
    const r = [0.1, -0.1, 121 / 99 - 1];
    const mean = r.reduce((a, b) => a + b) / 3;
    expect(m.volatility).toBeCloseTo(Math.sqrt((r.reduce((a, x) => a + (x - mean) ** 2, 0) / 2) * 365), 12);
    expect(m.maxDrawdown?.value).toBeCloseTo(0.1, 12);
    expect([m.trades, m.winRate, m.profitFactor]).toEqual([0, null, null]);
  });
});

describe('buildReport', () => {
  const s = series([100, 102, 104, 101, 99, 103]);
  const input: ReportInput = {
    name: 'r',
    series: [s],
    sources: { BTCUSDT: 'bundled' },
    strategies: [{ id: 'x', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '1h', params: {} }],
    account: { id: 'a', openingCash: 1_000, commissionPct: 0.5, slippageBps: 0 },
    fills: [fill(T0 + H, 'buy', 1, 101, 0.51)],
    rejected: [],
    held: { cash: 1_000 - 101 - 0.51, positions: [{ symbol: 'BTCUSDT', qty: 1, avgEntryPrice: 101 }] },
    every: '1h',
    periodsPerYear: 8_760,
    riskFreeRate: 0,
  };

  test('the final value is the account\'s cash plus what it holds at the last close; times are ISO; the page stands alone', () => {
    const r = buildReport(input);
    expect(r.final).toEqual({ cash: 898.49, positions: [{ symbol: 'BTCUSDT', qty: 1, avgEntryPrice: 101, lastClose: 103, marketValue: 103, unrealizedPnl: 2 }], value: 1_001.49 });
    expect(r.metrics.finalValue).toBe(1_001.49);
    expect(r.equity.at(-1)).toEqual([T0 + 1.5 * H, 1_001.49]);
    expect(r.fills[0]!.time).toBe('2021-04-05T01:00:00.000Z');
    expect(r.roundTrips).toMatchObject([{ open: true, exitTime: null, exitPrice: 103 }]);
    expect(r.benchmark.symbols).toEqual(['BTCUSDT']);
    const html = renderHtml(r);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|src=|href="http/);
  });

  test('fills that do not add up to the account\'s cash stop the report', () => {
    expect(() => buildReport({ ...input, held: { ...input.held, cash: 900 } })).toThrow("the fills do not add up to the account's cash");
  });
});
