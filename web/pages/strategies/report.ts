/// <reference lib="dom" />
import { createChart, LineSeries, type IChartApi } from 'lightweight-charts';
import type { Report } from '../../../sim/report/build.ts';
import type { Metrics } from '../../../sim/report/types.ts';
import { ApiError, describe } from '../../lib/api.ts';
import { chartCredit, chartOptions, COLORS, toTime } from '../../lib/charts.ts';
import { every, fill, h, setText, stateBlock } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import { KeyedTable } from '../../lib/table.ts';
import { loadJob, type Job } from './backtests.ts';

type Trip = Report['roundTrips'][number];

const METRICS: readonly [string, (m: Metrics) => string][] = [
  ['Final value', (m) => fmt.usd(m.finalValue)],
  ['Total return', (m) => fmt.ratio(m.totalReturn, 2)],
  ['CAGR', (m) => fmt.ratio(m.cagr, 2)],
  ['Volatility', (m) => fmt.ratio(m.volatility, 2)],
  ['Sharpe', (m) => (m.sharpe === null ? '—' : m.sharpe.toFixed(2))],
  ['Sortino', (m) => (m.sortino === null ? '—' : m.sortino.toFixed(2))],
  ['Max drawdown', (m) => (m.maxDrawdown ? fmt.ratio(-m.maxDrawdown.value, 2) : '—')],
  ['Trades', (m) => fmt.int(m.trades)],
  ['Win rate', (m) => fmt.ratio(m.winRate, 1)],
  ['Profit factor', (m) => (m.profitFactor === null ? '—' : m.profitFactor.toFixed(2))],
  ['Exposure', (m) => fmt.ratio(m.exposure, 1)],
  ['Fees', (m) => fmt.usd(m.fees)],
];

/**
 * One backtest: while it runs, its progress; once done, its report — the metrics beside the
 * buy-and-hold benchmark's, the equity curve against it, the round trips and the fills (the
 * same report.json `tickflow backtest` writes). A sweep shows its ranked table.
 */
export function reportView(root: HTMLElement, id: string): () => void {
  let chart: IChartApi | null = null;
  let done = false;
  const progress = h('div');
  fill(root, h('div', { class: 'page-head' }, h('a', { href: '#/strategies' }, '← Strategies and backtests'), h('h1', { class: 'mono' }, id)), progress);

  const show = (job: Job) => {
    const report = job.report as (Report & { sweep?: never }) | Record<string, unknown> | null;
    if (!report) return;
    done = true;
    if (job.sweep || !('metrics' in report)) {
      fill(root, h('div', { class: 'page-head' }, h('a', { href: '#/strategies' }, '← Strategies and backtests'), h('h1', null, job.name)), h('section', { class: 'panel' }, h('h2', null, 'Sweep'), h('pre', { class: 'mono small' }, JSON.stringify(report, null, 2))));
      return;
    }
    const r = report as Report;
    const metrics = h(
      'table',
      { 'aria-label': 'Metrics', 'data-testid': 'report-metrics' },
      h('thead', null, h('tr', null, h('th', null, 'Metric'), h('th', { class: 'num' }, 'Strategy'), h('th', { class: 'num' }, 'Buy and hold'))),
      h('tbody', null, METRICS.map(([label, f]) => h('tr', null, h('td', null, label), h('td', { class: 'num' }, f(r.metrics)), h('td', { class: 'num' }, f(r.benchmark.metrics))))),
    );
    const chartEl = h('div', { class: 'chart medium', 'data-testid': 'report-equity' });
    const trips = new KeyedTable<Trip & { n: number }>({
      label: 'Round trips',
      key: (t) => String(t.n),
      empty: () => 'No round trip: the strategy never traded.',
      columns: [
        { key: 'symbol', label: 'Symbol', sort: (t) => t.symbol, render: (t, td) => void setText(td, `${t.symbol} ${t.direction}`) },
        { key: 'entry', label: 'Entry (UTC)', sort: (t) => t.entryTime, render: (t, td) => void setText(td, `${fmt.time(t.entryTime)} @ ${fmt.price(t.entryPrice)}`) },
        { key: 'exit', label: 'Exit (UTC)', sort: (t) => t.exitTime, render: (t, td) => void setText(td, t.exitTime ? `${fmt.time(t.exitTime)} @ ${fmt.price(t.exitPrice)}` : `open, valued @ ${fmt.price(t.exitPrice)}`) },
        { key: 'qty', label: 'Qty', numeric: true, sort: (t) => t.qty, render: (t, td) => void setText(td, fmt.qty(t.qty)) },
        { key: 'pnl', label: 'P&L', numeric: true, sort: (t) => t.pnl, render: (t, td) => ((td.className = `num ${fmt.signClass(t.pnl)}`), void setText(td, `${fmt.usd(t.pnl)} (${fmt.pct(t.returnPct)})`)) },
      ],
    });
    trips.set(r.roundTrips.map((t, n) => ({ ...t, n })));
    fill(
      root,
      h('div', { class: 'page-head' }, h('a', { href: '#/strategies' }, '← Strategies and backtests'), h('h1', null, r.name)),
      h('p', { class: 'muted small' }, `${r.period.from} → ${r.period.to}, ${r.period.barTf} bars; ${r.rules.fills}`),
      h('div', { class: 'grid-2' }, h('section', { class: 'panel' }, h('h2', null, 'Equity against buy and hold'), chartEl, chartCredit()), h('section', { class: 'panel' }, h('h2', null, 'Metrics'), h('div', { class: 'table-wrap' }, metrics))),
      h('section', { class: 'panel' }, h('h2', null, `Round trips (${r.roundTrips.length})`), trips.el),
      h('section', { class: 'panel' }, h('h2', null, `Fills (${r.fills.length})`), h('div', { class: 'log' }, r.fills.slice(0, 500).map((f) => h('div', null, `${fmt.time(f.time, true)} ${f.side} ${fmt.qty(f.qty)} ${f.symbol} @ ${fmt.price(f.price)}, fee ${fmt.usd(f.fee)}`)))),
    );
    chart = createChart(chartEl, chartOptions(true));
    chart.addSeries(LineSeries, { color: COLORS.forecast, lineWidth: 2, title: 'strategy', priceLineVisible: false }).setData(r.equity.map(([t, v]) => ({ time: toTime(t), value: v })));
    chart.addSeries(LineSeries, { color: COLORS.text, lineWidth: 1, title: 'buy and hold', priceLineVisible: false }).setData(r.benchmarkEquity.map(([t, v]) => ({ time: toTime(t), value: v })));
    chart.timeScale().fitContent();
    chartEl.dataset.points = String(r.equity.length);
  };

  const poll = async () => {
    if (done) return;
    try {
      const job = await loadJob(id);
      if (job.status === 'done') show(job);
      else if (job.status === 'failed') fill(progress, stateBlock('error', 'The backtest failed', job.errors.join('; ')));
      else {
        const bar = h('span');
        bar.style.width = `${job.progress.pct}%`;
        fill(progress, h('section', { class: 'panel' }, h('p', null, `${job.name}: ${job.status}, ${job.progress.phase ?? 'waiting'} ${job.progress.pct}%`), h('div', { class: 'progress' }, bar)));
      }
    } catch (e) {
      done = true;
      fill(progress, stateBlock('error', e instanceof ApiError && e.status === 404 ? 'No such backtest' : 'The backtest did not load', describe(e)));
    }
  };
  fill(progress, stateBlock('loading', 'Loading the backtest…'));
  const stop = every(1_000, poll);
  return () => {
    stop();
    chart?.remove();
  };
}
