/// <reference lib="dom" />
import { createChart, LineSeries, LineStyle, type IChartApi } from 'lightweight-charts';
import { api, ApiError, call, describe } from '../../lib/api.ts';
import { fill, h, stateBlock, throttle } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import { dataOf, LiveSocket } from '../../lib/live.ts';
import { BandSeries } from './band-series.ts';
import { chartOptions, COLORS, toTime } from '../../lib/charts.ts';
import { figure } from './forecast.ts';

const loadTrends = (symbol: string) => call(api.api.asset[':symbol'].trends.$get({ param: { symbol }, query: { limit: '300' } }));
type Trends = Awaited<ReturnType<typeof loadTrends>>;
type ModelTrends = Trends['models'][number];

/**
 * How right the forecasts have been: the live accuracy of the newest model (hit rate, 10–90%
 * coverage, MAE, MAPE over the last `window` outcomes), prediction against what happened at each
 * target, and the trend of hit rate and coverage. Live over `/ws/asset/{symbol}/trends`: each
 * scored outcome reads the figures again.
 */
export function accuracyPanel(symbol: string): { el: HTMLElement; close(): void } {
  const content = h('div', null, stateBlock('loading', 'Loading the accuracy…'));
  const el = h('section', { class: 'panel', 'data-testid': 'accuracy' }, h('h2', null, 'Forecast accuracy'), content);
  let chart: IChartApi | null = null;

  const drop = () => {
    chart?.remove();
    chart = null;
  };

  const show = (t: Trends) => {
    const m = t.models[0];
    if (!m || m.history.length === 0) {
      drop();
      fill(content, stateBlock('empty', 'No forecasts yet', `${symbol}'s first forecast comes at its next ${t.timeframe} close.`));
      return;
    }
    const a = m.accuracy;
    const figures = h(
      'div',
      { class: 'figures' },
      figure('Scored', fmt.int(a.n), `Outcomes in the rolling window (last ${t.window})`),
      figure('Hit rate', fmt.ratio(a.hitRate), 'Direction right: 1, wrong: 0, no move: ½'),
      figure('Coverage', fmt.ratio(a.coverage), 'Outcomes inside the 10–90% band: 80% when the band is honest'),
      figure('MAE', fmt.price(a.mae), 'Mean |predicted − realised| price'),
      figure('MAPE', fmt.ratio(a.mape, 2), 'Mean |predicted − realised| / realised'),
    );
    const chartEl = h('div', { class: 'chart medium', 'data-testid': 'accuracy-chart' });
    const legend = h(
      'div',
      { class: 'legend' },
      h('span', null, h('span', { class: 'swatch sw-pred' }), 'predicted at target'),
      h('span', null, h('span', { class: 'swatch sw-band' }), '10–90% band'),
      h('span', null, h('span', { class: 'swatch sw-real' }), 'realised'),
      h('span', null, h('span', { class: 'swatch sw-hit' }), 'hit rate (trend)'),
      h('span', null, h('span', { class: 'swatch sw-cov' }), 'coverage (trend)'),
    );
    const note = a.n === 0 ? h('p', { class: 'note' }, 'No forecast has reached its target yet; the figures start with the first outcome.') : null;
    fill(content, h('p', { class: 'muted small' }, `Model ${m.model}, ${t.timeframe} candles`), figures, note, legend, chartEl);
    drop();
    chart = drawAccuracy(chartEl, m, t.timeframe !== '1d');
  };

  const load = async () => {
    try {
      show(await loadTrends(symbol));
    } catch (e) {
      drop();
      if (e instanceof ApiError && e.status === 404) fill(content, stateBlock('empty', 'No model', e.message));
      else fill(content, stateBlock('error', 'The accuracy did not load', describe(e), { label: 'Try again', run: () => void load() }));
    }
  };
  const reload = throttle(() => void load(), 3000);
  const live = new LiveSocket({
    path: `/ws/asset/${encodeURIComponent(symbol)}/trends`,
    onFrame: (frame) => {
      const d = dataOf(frame);
      if (d && !d.snapshot) reload();
    },
  });
  void load();
  return {
    el,
    close() {
      live.close();
      reload.cancel();
      drop();
    },
  };
}

function drawAccuracy(el: HTMLElement, m: ModelTrends, intraday: boolean): IChartApi {
  const chart = createChart(el, chartOptions(intraday));
  // Several forecasts may share a target time (one made each candle): the newest per target is drawn.
  const byTarget = new Map<number, ModelTrends['history'][number]>();
  for (const row of [...m.history].sort((x, y) => x.madeAt - y.madeAt)) byTarget.set(row.targetTime, row);
  const rows = [...byTarget.values()].sort((x, y) => x.targetTime - y.targetTime);
  chart.addCustomSeries(new BandSeries(), { priceLineVisible: false, lastValueVisible: false }).setData(rows.map((r) => ({ time: toTime(r.targetTime), low: r.low, high: r.high })));
  chart.addSeries(LineSeries, { color: COLORS.forecast, lineWidth: 2, priceLineVisible: false, lastValueVisible: false }).setData(rows.map((r) => ({ time: toTime(r.targetTime), value: r.predictedPrice })));
  chart
    .addSeries(LineSeries, { color: '#d8e0ea', lineWidth: 2, priceLineVisible: false, lastValueVisible: false })
    .setData(rows.map((r) => (r.realisedPrice === null || r.synthetic ? { time: toTime(r.targetTime) } : { time: toTime(r.targetTime), value: r.realisedPrice })));
  const trend = [...m.trend].sort((x, y) => x.time - y.time);
  const dedupe = <T extends { time: number }>(xs: T[]) => xs.filter((x, i) => i === xs.length - 1 || xs[i + 1]!.time !== x.time);
  const ratio = { priceFormat: { type: 'custom' as const, formatter: (v: number) => `${v.toFixed(0)}%`, minMove: 1 }, priceLineVisible: false, lineWidth: 1 as const };
  if (trend.length > 0) {
    chart.addSeries(LineSeries, { ...ratio, color: '#3ddc97' }, 1).setData(dedupe(trend).map((p) => (p.hitRate === null ? { time: toTime(p.time) } : { time: toTime(p.time), value: p.hitRate * 100 })));
    const cov = chart.addSeries(LineSeries, { ...ratio, color: COLORS.sma }, 1);
    cov.setData(dedupe(trend).map((p) => (p.coverage === null ? { time: toTime(p.time) } : { time: toTime(p.time), value: p.coverage * 100 })));
    cov.createPriceLine({ price: 80, color: '#4b5b70', lineStyle: LineStyle.Dashed, lineWidth: 1, axisLabelVisible: true, title: '80%' });
    chart.panes()[0]?.setStretchFactor(2);
  }
  chart.timeScale().fitContent();
  return chart;
}
