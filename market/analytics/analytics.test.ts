import { describe, expect, test } from 'bun:test';
import { drawdownSeries, maxDrawdown } from './drawdown.ts';
import { sharpe, sortino } from './ratios.ts';
import { accountReport } from './report.ts';
import { periodReturns, totalReturn } from './returns.ts';
import { exposure, feesPaid, profitFactor, winRate } from './trades.ts';
import { roundTrips } from './round-trips.ts';
import type { ClosedTrade, EquityPoint } from './types.ts';

const DAY = 86_400_000;
const series = (...equity: number[]): EquityPoint[] => equity.map((e, i) => ({ time: i * DAY, equity: e }));
// 100 → 110 → 99 → 121: returns +10%, −10%, +22.2…%
const curve = series(100, 110, 99, 121);
const returns = periodReturns(curve)!;

describe('returns and ratios, against values worked by hand', () => {
  test('total and period returns', () => {
    expect(totalReturn(curve)).toBeCloseTo(0.21, 12);
    expect(returns.map((r) => Number(r.toFixed(10)))).toEqual([0.1, -0.1, 0.2222222222]);
  });

  test('Sharpe: mean 0.074074 / sample sd 0.162668, annualised by √periods', () => {
    expect(sharpe(returns, { periodsPerYear: 1 })).toBeCloseTo(0.45536944, 7);
    expect(sharpe(returns, { periodsPerYear: 252 })).toBeCloseTo(0.45536944 * Math.sqrt(252), 6);
    // A 5% risk-free rate takes 0.05/252 off every daily return.
    expect(sharpe(returns, { periodsPerYear: 252, riskFreeRate: 0.05 })).toBeCloseTo(7.209403, 5);
  });

  test('Sortino: mean 0.074074 / downside deviation √(0.01 / 3) = 0.057735', () => {
    expect(sortino(returns, { periodsPerYear: 1 })).toBeCloseTo(1.2830006, 6);
  });

  test('edge cases give null, never NaN or Infinity', () => {
    expect(totalReturn([])).toBeNull();
    expect(totalReturn(series(0, 5))).toBeNull();
    expect(totalReturn(series(100))).toBe(0);
    expect(periodReturns(series(100, 0, 50))).toBeNull();
    expect(sharpe([], { periodsPerYear: 252 })).toBeNull();
    expect(sharpe([0.01], { periodsPerYear: 252 })).toBeNull();
    expect(sharpe([0.1, 0.1, 0.1], { periodsPerYear: 252 })).toBeNull(); // zero variance
    expect(sortino([0.01, 0.02], { periodsPerYear: 252 })).toBeNull(); // all wins: no downside
    expect(sortino([0.01], { periodsPerYear: 252 })).toBeNull();
    expect(() => sharpe([0.1, 0.2], { periodsPerYear: 0 })).toThrow('periodsPerYear must be positive, was 0');
  });
});

describe('drawdown', () => {
  test('the deepest fall with its peak, trough and recovery', () => {
    expect(maxDrawdown(curve)).toEqual({ value: 0.1, amount: 11, peakTime: DAY, troughTime: 2 * DAY, recoveryTime: 3 * DAY });
    expect(maxDrawdown(series(100, 120, 90, 60, 100, 130, 117))).toEqual({ value: 0.5, amount: 60, peakTime: DAY, troughTime: 3 * DAY, recoveryTime: 5 * DAY });
  });

  test('an unrecovered drawdown has no recovery time; a rising series has none at all', () => {
    expect(maxDrawdown(series(100, 80, 90))?.recoveryTime).toBeNull();
    expect(maxDrawdown(series(100, 100, 101))).toEqual({ value: 0, amount: 0, peakTime: 0, troughTime: 0, recoveryTime: 0 });
    expect(maxDrawdown([])).toBeNull();
    expect(maxDrawdown(series(-5, 10))).toBeNull();
  });

  test('the drawdown series is the fall from the running peak', () => {
    expect(drawdownSeries(series(100, 120, 90, 120))).toEqual([
      { time: 0, drawdown: 0 },
      { time: DAY, drawdown: 0 },
      { time: 2 * DAY, drawdown: 0.25 },
      { time: 3 * DAY, drawdown: 0 },
    ]);
    expect(drawdownSeries([])).toEqual([]);
    expect(drawdownSeries(series(0))).toBeNull();
  });
});

describe('trades', () => {
  const trade = (pnl: number, entry: number, exit: number, fees = 1): ClosedTrade => ({ symbol: 'AAPL', entryTime: entry, exitTime: exit, pnl, fees });
  const trades = [trade(30, 0, 2), trade(-10, 1, 3), trade(0, 5, 6), trade(20, 8, 9)];

  test('win rate, profit factor and fees', () => {
    expect(winRate(trades)).toBe(0.5); // 2 of 4; the break-even trade is not a win
    expect(profitFactor(trades)).toBe(5); // 50 / 10
    expect(feesPaid(trades)).toBe(4);
  });

  test('all wins: profit factor has no value; all losses: 0; none: null', () => {
    expect(profitFactor([trade(5, 0, 1)])).toBeNull();
    expect(winRate([trade(5, 0, 1)])).toBe(1);
    expect(profitFactor([trade(-5, 0, 1)])).toBe(0);
    expect([winRate([]), profitFactor([]), feesPaid([])]).toEqual([null, null, 0]);
  });

  test('exposure is the union of open intervals over the span', () => {
    // [0,3] ∪ [5,6] ∪ [8,9] within [0,10] = 5 of 10.
    expect(exposure(trades.map((t) => ({ start: t.entryTime, end: t.exitTime })), 0, 10)).toBe(0.5);
    expect(exposure([{ start: -5, end: 20 }], 0, 10)).toBe(1);
    expect(exposure([], 0, 10)).toBe(0);
    expect(exposure([{ start: 0, end: 1 }], 5, 5)).toBeNull();
  });
});

test('the account report puts it together', () => {
  const trades: ClosedTrade[] = [
    { symbol: 'AAPL', entryTime: 0, exitTime: DAY, pnl: 9.5, fees: 0.5 },
    { symbol: 'MSFT', entryTime: DAY, exitTime: 2 * DAY, pnl: -11.2, fees: 0.2 },
  ];
  const report = accountReport({ equity: curve, trades, periodsPerYear: 1, openPositionSince: 2.5 * DAY });
  expect(report).toEqual({
    start: 0,
    end: 3 * DAY,
    totalReturn: totalReturn(curve),
    sharpe: sharpe(returns, { periodsPerYear: 1 }),
    sortino: sortino(returns, { periodsPerYear: 1 }),
    maxDrawdown: { value: 0.1, amount: 11, peakTime: DAY, troughTime: 2 * DAY, recoveryTime: 3 * DAY },
    trades: 2,
    winRate: 0.5,
    profitFactor: 9.5 / 11.2,
    exposure: 2.5 / 3,
    feesPaid: 0.7,
  });
  const empty = accountReport({ equity: [], trades: [], periodsPerYear: 252 });
  expect(empty).toEqual({ start: null, end: null, totalReturn: null, sharpe: null, sortino: null, maxDrawdown: null, trades: 0, winRate: null, profitFactor: null, exposure: null, feesPaid: 0 });
  expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);
});

describe('round trips from fills', () => {
  const fill = (symbol: string, side: 'buy' | 'sell', qty: number, price: number, fee: number, at: number) => ({ symbol, side, qty, price, fee, at });

  test('a trip runs from flat to flat; its pnl is its net cash after fees, adds and partial exits included', () => {
    const { trades, open } = roundTrips([
      fill('A', 'buy', 2, 100, 0.2, 1),
      fill('A', 'buy', 1, 103, 0.1, 2),
      fill('A', 'sell', 1, 110, 0.11, 3),
      fill('A', 'sell', 2, 90, 0.18, 4),
      fill('B', 'buy', 1, 50, 0, 5),
    ]);
    // −200.2 −103.1 +109.89 +179.82 = −13.59
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ symbol: 'A', entryTime: 1, exitTime: 4 });
    expect(trades[0]!.pnl).toBeCloseTo(-13.59, 10);
    expect(trades[0]!.fees).toBeCloseTo(0.59, 10);
    expect(open).toEqual([{ symbol: 'B', since: 5 }]);
  });

  test('a fill through zero closes the long and opens a short with the rest, its fee split by quantity', () => {
    const { trades, open } = roundTrips([fill('A', 'buy', 1, 100, 1, 1), fill('A', 'sell', 3, 110, 3, 2), fill('A', 'buy', 2, 105, 2, 3)]);
    expect(trades.map((t) => [t.entryTime, t.exitTime, Number(t.pnl.toFixed(8)), Number(t.fees.toFixed(8))])).toEqual([
      [1, 2, 8, 2], // −101 + (110 − 1)
      [2, 3, 6, 4], // (220 − 2) − (210 + 2)
    ]);
    expect(open).toEqual([]);
    expect(winRate(trades)).toBe(1);
  });
});
