import { describe, expect, test } from 'bun:test';
import { parseBacktestConfig, type BacktestConfig } from '../config.ts';
import type { Metrics } from '../report/types.ts';
import { reportJson } from '../report/write.ts';
import { runBacktest } from '../run/harness.ts';
import { combinations, expandSweep } from './grid.ts';
import { rankRuns } from './rank.ts';
import { sweepSummary } from './write.ts';

const config = (extra: object = {}): BacktestConfig => {
  const r = parseBacktestConfig({
    name: 'grid',
    from: '2021-04-06',
    to: '2021-04-11',
    data: [{ symbol: 'BTCUSDT', bundled: true }],
    account: { id: 'acc', commissionPct: 0.1 },
    strategies: [{ id: 'sma', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '1h', params: { fast: 10, slow: 30 } }],
    sweep: { params: { fast: [3, 6], slow: [12, 24] }, rankBy: 'totalReturn' },
    ...extra,
  });
  if (!r.ok) throw new Error(r.error);
  return r.config;
};

describe('the grid', () => {
  test('every combination, the first param varying slowest; each a copy of the strategies with ids and an account of its own', () => {
    expect(combinations(config().sweep!)).toEqual([
      { fast: 3, slow: 12 },
      { fast: 3, slow: 24 },
      { fast: 6, slow: 12 },
      { fast: 6, slow: 24 },
    ]);
    const runs = expandSweep(config());
    expect(runs[2]).toMatchObject({ index: 2, params: { fast: 6, slow: 12 }, strategies: [{ id: 'sma-2', accountId: 'acc-2', params: { fast: 6, slow: 12 } }] });
  });

  test('ranked best first by the metric (smallest drawdown first), nulls last, ties in run order', () => {
    const m = (v: Partial<Metrics>) => ({ finalValue: 0, totalReturn: null, cagr: null, volatility: null, sharpe: null, sortino: null, maxDrawdown: null, trades: 0, winRate: null, profitFactor: null, exposure: null, fees: 0, startValue: 0, ...v }) as Metrics;
    const dd = (value: number) => ({ value, amount: 0, peakTime: 0, troughTime: 0, recoveryTime: null });
    const runs = [
      { run: 0, params: {}, metrics: m({ sharpe: 1, maxDrawdown: dd(0.2) }) },
      { run: 1, params: {}, metrics: m({ sharpe: null, maxDrawdown: dd(0.1) }) },
      { run: 2, params: {}, metrics: m({ sharpe: 2, maxDrawdown: dd(0.3) }) },
      { run: 3, params: {}, metrics: m({ sharpe: 1, maxDrawdown: null }) },
    ];
    expect(rankRuns(runs, 'sharpe').map((r) => [r.rank, r.run])).toEqual([[1, 2], [2, 0], [3, 3], [4, 1]]);
    expect(rankRuns(runs, 'maxDrawdown').map((r) => r.run)).toEqual([1, 0, 2, 3]);
  });
});

test('a sweep runs its combinations side by side, the same with 1 and 2 workers, each as it runs alone', async () => {
  const [one, two] = [await runBacktest(config(), { baseDir: process.cwd(), workers: 1 }), await runBacktest(config(), { baseDir: process.cwd(), workers: 2 })];
  expect(reportJson(sweepSummary(two))).toBe(reportJson(sweepSummary(one)));
  const rows = one.sweep!.rows;
  expect(rows).toHaveLength(4);
  expect(rows.map((r) => r.totalReturn)).toEqual([...rows.map((r) => r.totalReturn)].sort((a, b) => b! - a!));

  // Run 2 of the sweep and the same params alone: the same fills and figures, only the names differ.
  const alone = await runBacktest(config({ sweep: undefined, strategies: [{ id: 'sma', kind: 'sma-crossover', symbols: ['BTCUSDT'], timeframe: '1h', params: { fast: 6, slow: 12 } }] }), { baseDir: process.cwd(), workers: 2 });
  const a = alone.reports[0]!.report;
  const b = one.reports[2]!.report;
  expect(b.fills.length).toBeGreaterThan(4);
  expect(b.fills.map((f) => ({ ...f, orderId: '', clientOrderId: f.clientOrderId.replace('sma-2:', 'sma:') }))).toEqual(a.fills.map((f) => ({ ...f, orderId: '' })));
  expect([b.final, b.metrics, b.equity]).toEqual([a.final, a.metrics, a.equity]);
}, 120_000);
