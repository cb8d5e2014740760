/// <reference lib="dom" />
import type { CandleMsg, IndicatorsMsg } from '../../../actors/symbol/index.ts';
import type { Timeframe } from '../../../market/timeframes.ts';
import type { IndicatorRow } from '../../../market/indicators/index.ts';
import { api, ApiError, call, describe } from '../../lib/api.ts';
import { banner, fill, h, setText, stateBlock } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import { watchFeedTrouble } from '../../lib/health.ts';
import { dataOf, LiveSocket, statusText } from '../../lib/live.ts';
import type { Page } from '../../router.ts';
import { accuracyPanel } from './accuracy.ts';
import { chartCredit } from '../../lib/charts.ts';
import { PriceChart, type Bar, type Overlays } from './chart.ts';
import { pathAt, type PathPoint } from './path.ts';
import { forecastPanel } from './forecast.ts';

const TF_MS: Record<Timeframe, number> = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000 };
const TF_ORDER = Object.keys(TF_MS) as Timeframe[];
/** Candles the chart loads: enough for the indicators to read, few enough to load at once. */
const CANDLES = 400;
const OVERLAYS_KEY = 'tickflow.overlays';
const DEFAULT_OVERLAYS: Overlays = { sma: true, ema: false, bb: true, rsi: true, macd: false };

const loadView = (symbol: string) => call(api.api.symbols[':symbol'].$get({ param: { symbol } }));
const loadInstrument = async (symbol: string) => (await call(api.api.assets.search.$get({ query: { q: symbol, limit: '5' } }))).results.find((r) => r.symbol === symbol);

function savedOverlays(): Overlays {
  try {
    return { ...DEFAULT_OVERLAYS, ...(JSON.parse(localStorage.getItem(OVERLAYS_KEY) ?? '{}') as Partial<Overlays>) };
  } catch {
    return { ...DEFAULT_OVERLAYS };
  }
}

/**
 * A symbol: candles with volume at a chosen timeframe, indicator overlays and panes, the model's
 * forecast path with its band, and its accuracy. The chart is live over `/ws/chart/{symbol}?tf=`:
 * the forming candle moves with each print, and each closed candle brings its indicator row.
 */
export const symbolPage: Page = (root, params) => {
  const asked = (params[0] ?? '').toUpperCase();
  let stop: (() => void)[] = [];
  let closed = false;

  const start = async () => {
    fill(root, stateBlock('loading', `Loading ${asked}…`));
    let view: Awaited<ReturnType<typeof loadView>>;
    let instrument: Awaited<ReturnType<typeof loadInstrument>>;
    try {
      [view, instrument] = await Promise.all([loadView(asked), loadInstrument(asked).catch(() => undefined)]);
    } catch (e) {
      if (closed) return;
      if (e instanceof ApiError && e.status === 404) {
        const links = e.suggestions.map((s, i) => [i > 0 ? ', ' : '', h('a', { href: `#/symbol/${encodeURIComponent(s)}` }, s)]);
        fill(root, stateBlock('error', e.title === 'Unknown symbol' ? `Unknown symbol “${asked}”` : e.title, [e.message, links.length ? h('br') : null, links.length ? 'Try: ' : null, ...links.flat()]));
      } else fill(root, stateBlock('error', `${asked} did not load`, describe(e), { label: 'Try again', run: () => void start() }));
      return;
    }
    if (closed) return;
    show(view, instrument);
  };

  const show = (view: Awaited<ReturnType<typeof loadView>>, instrument: Awaited<ReturnType<typeof loadInstrument>>) => {
    const symbol = view.symbol;
    const tfs = TF_ORDER.filter((tf) => tf in view.forming);
    const forecastTf: Timeframe | null = instrument?.class === 'crypto' ? '1h' : instrument?.class === 'stock' ? '1d' : null;
    const wanted = params[1] as Timeframe | undefined;
    // Before its first print a symbol has no forming candle to tell its timeframes by: its class's forecast one stands in.
    if (tfs.length === 0) tfs.push(forecastTf ?? '1d');
    let tf: Timeframe = wanted && tfs.includes(wanted) ? wanted : forecastTf && tfs.includes(forecastTf) ? forecastTf : tfs[0]!;
    let overlays = savedOverlays();
    let path: readonly PathPoint[] | null = null;
    // The day's reference price, so the change follows live closes.
    const ref = view.last !== null && view.day ? view.last / (1 + view.day.changePct / 100) : null;

    const last = h('span', { class: 'last', 'data-testid': 'last' }, fmt.price(view.last));
    const change = h('span', null);
    const setQuote = (price: number | null) => {
      setText(last, fmt.price(price));
      const pct = price !== null && ref ? (price / ref - 1) * 100 : null;
      setText(change, fmt.pct(pct));
      change.className = fmt.signClass(pct);
    };
    setQuote(view.last);

    const tfTabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Timeframe' });
    const renderTabs = () =>
      fill(
        tfTabs,
        tfs.map((t) => h('button', { type: 'button', 'aria-pressed': String(t === tf), 'data-tf': t, onclick: () => t !== tf && ((tf = t), history.replaceState(null, '', `#/symbol/${encodeURIComponent(symbol)}/${t}`), renderTabs(), loadChart()) }, t)),
      );
    renderTabs();

    const toggle = (key: keyof Overlays, label: string) => {
      const box = h('input', { type: 'checkbox', 'data-overlay': key }) as HTMLInputElement;
      box.checked = overlays[key];
      box.addEventListener('change', () => {
        overlays = { ...overlays, [key]: box.checked };
        localStorage.setItem(OVERLAYS_KEY, JSON.stringify(overlays));
        loadChart();
      });
      return h('label', { class: 'inline' }, box, label);
    };

    const chartEl = h('div', { class: 'chart', 'data-testid': 'price-chart' });
    const chartState = h('div');
    const forecastNote = h('p', { class: 'note' });
    const liveBanner = banner();
    const feedBanner = banner();
    const forecast = forecastPanel(symbol, (p) => {
      path = p;
      drawForecast();
    });
    const accuracy = forecastTf ? accuracyPanel(symbol) : null;

    fill(
      root,
      h(
        'div',
        { class: 'page-head' },
        h('div', null, h('h1', null, symbol), h('div', { class: 'muted small' }, instrument ? `${instrument.name} · ${instrument.class} · ${instrument.venue}` : '')),
        h('div', { class: 'quote' }, last, change),
        h('span', { class: 'grow' }),
        tfTabs,
      ),
      feedBanner.el,
      liveBanner.el,
      h(
        'div',
        { class: 'grid-2' },
        h(
          'section',
          { class: 'panel' },
          h(
            'div',
            { class: 'toolbar' },
            toggle('sma', 'SMA 20'),
            toggle('ema', 'EMA 20'),
            toggle('bb', 'Bollinger 20, 2'),
            toggle('rsi', 'RSI 14'),
            toggle('macd', 'MACD 12, 26, 9'),
            h('span', { class: 'legend' }, h('span', null, h('span', { class: 'swatch sw-forecast' }), 'forecast'), h('span', null, h('span', { class: 'swatch sw-band' }), '10–90% band')),
          ),
          chartState,
          chartEl,
          forecastNote,
          chartCredit(),
        ),
        forecast.el,
      ),
      accuracy?.el ?? h('section', { class: 'panel' }, h('h2', null, 'Forecast accuracy'), stateBlock('empty', 'No model', `${symbol} is a ${instrument?.class ?? 'macro'} series: no model forecasts it.`)),
    );

    let chart: PriceChart | null = null;
    let live: LiveSocket | null = null;
    let generation = 0;

    const drawForecast = () => {
      if (!chart) return;
      const shown = path ? pathAt(path, TF_MS[tf]) : null;
      chart.setForecast(shown);
      const ftf = forecastTf ?? '1h';
      forecastNote.textContent = path && !shown ? `The forecast is made on ${ftf} candles: switch to ${ftf} or finer to see its path.` : '';
    };

    const loadChart = async () => {
      const mine = ++generation;
      live?.close();
      chart?.destroy();
      chart = null;
      fill(chartState, stateBlock('loading', `Loading ${tf} candles…`));
      let bars: Bar[];
      let rows: Map<number, IndicatorRow>;
      try {
        const candles = await call(api.api.asset[':symbol'].candles.$get({ param: { symbol }, query: { tf, limit: String(CANDLES) } }));
        bars = [...candles.candles, ...(candles.forming ? [candles.forming] : [])];
        const first = bars[0];
        rows = new Map();
        if (first) {
          const range = await call(api.api.asset[':symbol'].indicators.$get({ param: { symbol }, query: { tf, from: String(first.openTime), limit: String(CANDLES + 1) } }));
          if ('rows' in range) for (const r of range.rows) rows.set(r.openTime, r.values);
        }
      } catch (e) {
        if (mine === generation) fill(chartState, stateBlock('error', `The ${tf} candles did not load`, describe(e), { label: 'Try again', run: () => void loadChart() }));
        return;
      }
      if (mine !== generation || closed) return;
      fill(chartState, bars.length === 0 ? stateBlock('empty', `No ${tf} candles yet`, 'They appear as the feed prints.') : null);
      chart = new PriceChart(chartEl, overlays, tf !== '1d');
      chart.setData(bars, rows);
      chartEl.dataset.tf = tf;
      drawForecast();
      const c = chart;
      live = new LiveSocket({
        path: `/ws/chart/${encodeURIComponent(symbol)}?tf=${tf}`,
        onFrame: (frame) => {
          const d = dataOf(frame);
          if (!d || !d.data || typeof d.data !== 'object') return;
          const msg = d.data as CandleMsg | IndicatorsMsg;
          if (msg.type === 'candle') {
            c.updateCandle(msg.candle);
            setQuote(msg.candle.close);
            if (chartState.firstChild) fill(chartState);
          } else if (msg.type === 'indicators') c.updateIndicators(msg.openTime, msg.values);
        },
        onStatus: (s) => {
          const text = statusText(s, 'Live candles');
          liveBanner.set(text ? (s.state === 'closed' ? 'error' : 'warn') : null, text ?? '');
        },
      });
    };

    void loadChart();
    const stopHealth = watchFeedTrouble((text) => feedBanner.set(text ? 'error' : null, text ?? ''));
    stop = [
      () => {
        generation++;
        live?.close();
        chart?.destroy();
      },
      () => forecast.close(),
      () => accuracy?.close(),
      stopHealth,
    ];
  };

  void start();
  return () => {
    closed = true;
    for (const s of stop) s();
  };
};
