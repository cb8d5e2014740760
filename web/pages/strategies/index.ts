/// <reference lib="dom" />
import { every, fill } from '../../lib/dom.ts';
import type { Page } from '../../router.ts';
import { backtests } from './backtests.ts';
import { reportView } from './report.ts';
import { runningStrategies } from './running.ts';

/**
 * Strategies and backtests: `#/strategies` lists the running strategies with their signals and
 * the backtest jobs (start one, watch it); `#/backtests/{id}` is one backtest's report.
 */
export const strategiesPage: Page = (root, params) => {
  if (params[0] === 'backtests' && params[1]) return reportView(root, params[1]);
  const strategies = runningStrategies();
  const jobs = backtests();
  fill(root, strategies.el, jobs.el);
  // A running job's progress moves every second; the strategies' books every few.
  const stops = [every(3_000, strategies.refresh), every(1_000, jobs.refresh)];
  return () => stops.forEach((s) => s());
};
