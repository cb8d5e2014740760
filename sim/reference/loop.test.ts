import { expect, test } from 'bun:test';
import { parseBacktestConfig } from '../config.ts';
import { loadData } from '../data/load.ts';
import type { ReportFill } from '../report/types.ts';
import { runBacktest } from '../run/harness.ts';
import { referenceRun } from './loop.ts';

const key = (f: Omit<ReportFill, 'time' | 'orderId'> & { time: number | string }) => `${typeof f.time === 'number' ? new Date(f.time).toISOString() : f.time} ${f.symbol} ${f.side} ${f.qty} ${f.price} ${f.fee} ${f.clientOrderId}`;

test('the plain loop and the actors make the same fills and end with the same cash: four built-ins on 5m, 15m and 1h over two pairs', async () => {
  const parsed = parseBacktestConfig({
    from: '2021-04-12',
    to: '2021-04-15',
    data: [
      { symbol: 'ETHUSDT', bundled: true },
      { symbol: 'SOLUSDT', bundled: true },
    ],
    account: { cash: 1_000_000, commissionPct: 0.075, slippageBps: 3 },
    strategies: [
      { id: 'ema', kind: 'ema-crossover', symbols: ['ETHUSDT'], timeframe: '15m', params: { fast: 5, slow: 20 }, capital: 100_000, sizing: { kind: 'equity', pct: 50 }, exits: { stopLossPct: 1 } },
      { id: 'rsi', kind: 'rsi-reversion', symbols: ['ETHUSDT', 'SOLUSDT'], timeframe: '5m', sizing: { kind: 'fixed', qty: 3 } },
      { id: 'bb', kind: 'bollinger-breakout', symbols: ['SOLUSDT'], timeframe: '1h', params: { period: 10 }, sizing: { kind: 'fixed', qty: 50 } },
      { id: 'mtf', kind: 'multi-timeframe', symbols: ['SOLUSDT'], timeframe: '5m', timeframes: ['1h'], params: { trendTimeframe: '1h', trendPeriod: 12 }, sizing: { kind: 'fixed', qty: 20 } },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.error);
  const { config } = parsed;
  const loaded = await loadData(config.data, { baseDir: process.cwd(), from: config.from, to: config.to });
  if (!loaded.ok) throw new Error(loaded.errors.join());
  const plain = referenceRun(loaded.series, config.strategies, config.account);
  const actors = await runBacktest(config, { baseDir: process.cwd(), workers: 2 });
  const report = actors.reports[0]!.report;
  expect(report.rejected).toEqual([]);
  expect(new Set(plain.fills.map((f) => f.clientOrderId.split(':')[0])).size).toBe(4); // every strategy traded
  // The same fills; two strategies filled at one print may be listed either way round.
  expect(report.fills.map(key).sort()).toEqual(plain.fills.map(key).sort());
  expect(report.final.cash).toBe(plain.cash);
}, 120_000);
