/// <reference lib="dom" />
import { AreaSeries, createChart, LineSeries, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { describe } from '../../lib/api.ts';
import { fill, h, stateBlock } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import type { Trading } from '../../lib/trading.ts';
import { drawdowns } from './drawdown.ts';
import { chartCredit, chartOptions, COLORS } from '../../lib/charts.ts';

/** Alpaca's periods, each with the bar it reads best at (at most 10,080 points a request). */
const PERIODS = [
  { period: '1D', timeframe: '1Min', label: '1 day' },
  { period: '1W', timeframe: '15Min', label: '1 week' },
  { period: '1M', timeframe: '1H', label: '1 month' },
  { period: '1A', timeframe: '1D', label: '1 year' },
] as const;

/**
 * The account's equity curve and its drawdown below it, from `/v2/account/portfolio/history`
 * (the account's time is the market's, so a replayed market's account lives in its dates).
 */
export function equityPanel(t: () => Trading): { el: HTMLElement; refresh(): Promise<void>; close(): void } {
  let choice: (typeof PERIODS)[number] = PERIODS[0];
  let chart: IChartApi | null = null;
  let series: { equity: ISeriesApi<'Line'>; dd: ISeriesApi<'Area'> } | null = null;
  const body = h('div', { class: 'chart medium', 'data-testid': 'equity-chart' });
  const state = h('div');
  const maxDd = h('span', { class: 'muted small' });
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Period' });
  const renderTabs = () =>
    fill(
      tabs,
      PERIODS.map((p) => h('button', { type: 'button', 'aria-pressed': String(p === choice), onclick: () => ((choice = p), renderTabs(), drop(), void refresh()) }, p.label)),
    );
  renderTabs();

  const drop = () => {
    chart?.remove();
    chart = null;
    series = null;
  };

  const refresh = async () => {
    let h0: Awaited<ReturnType<Trading['history']>>;
    try {
      h0 = await t().history(choice.period, choice.timeframe);
    } catch (e) {
      drop();
      fill(state, stateBlock('error', 'The equity history did not load', describe(e)));
      return;
    }
    const points = h0.timestamp.map((ts, i) => ({ time: ts, equity: h0.equity[i] ?? null })).filter((p) => p.equity !== null);
    if (points.length === 0) {
      drop();
      fill(state, stateBlock('empty', 'No equity history yet', 'It is recorded as the market moves; trade to see it change.'));
      return;
    }
    fill(state);
    if (!chart || !series) {
      chart = createChart(body, chartOptions(choice.timeframe !== '1D'));
      series = {
        equity: chart.addSeries(LineSeries, { color: COLORS.forecast, lineWidth: 2, priceLineVisible: false, title: 'equity' }),
        dd: chart.addSeries(AreaSeries, { lineColor: COLORS.down, topColor: 'rgba(239, 83, 80, 0.05)', bottomColor: 'rgba(239, 83, 80, 0.4)', lineWidth: 1, invertFilledArea: true, priceLineVisible: false, priceFormat: { type: 'custom', formatter: (v: number) => `${v.toFixed(2)}%`, minMove: 0.01 }, title: 'drawdown' }, 1),
      };
      chart.panes()[0]?.setStretchFactor(2.5);
    }
    const dd = drawdowns(points.map((p) => p.equity));
    series.equity.setData(points.map((p) => ({ time: p.time as never, value: p.equity! })));
    series.dd.setData(points.map((p, i) => ({ time: p.time as never, value: (dd[i] ?? 0) * 100 })));
    body.dataset.points = String(points.length);
    maxDd.textContent = `max drawdown ${fmt.ratio(Math.min(0, ...dd.map((d) => d ?? 0)), 2)}`;
  };

  return {
    el: h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', null, 'Equity and drawdown'), maxDd, h('span', { class: 'grow' }), tabs), state, body, chartCredit()),
    refresh,
    close: drop,
  };
}
