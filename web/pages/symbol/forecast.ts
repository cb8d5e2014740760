/// <reference lib="dom" />
import { api, ApiError, call, describe } from '../../lib/api.ts';
import { fill, h, stateBlock, throttle } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import { dataOf, LiveSocket } from '../../lib/live.ts';
import type { PathPoint } from './path.ts';

const loadForecast = (symbol: string) => call(api.api.asset[':symbol'].forecast.$get({ param: { symbol }, query: { candles: '0' } }));
export type ForecastBody = Awaited<ReturnType<typeof loadForecast>>;

const ARROW = { up: '▲', down: '▼', flat: '▶' } as const;

/**
 * The model's newest forecast for the symbol: direction, predicted price and return, the 10–90%
 * band, confidence, when it was made and for when. Live over `/ws/asset/{symbol}/forecast`: its
 * snapshot is the REST answer, each delta a new forecast (then the REST answer is read again for
 * the path the chart draws). `onPath` hands the chart the path, or null when there is none.
 */
export function forecastPanel(symbol: string, onPath: (path: readonly PathPoint[] | null, body: ForecastBody | null) => void): { el: HTMLElement; close(): void } {
  const content = h('div', null, stateBlock('loading', 'Loading the forecast…'));
  const el = h('section', { class: 'panel', 'data-testid': 'forecast' }, h('h2', null, 'Forecast'), content);

  const show = (body: ForecastBody) => {
    const f = body.forecast;
    onPath(body.path, body);
    fill(
      content,
      h('div', { class: `quote ${fmt.signClass(f.predictedReturn)}` }, h('span', { class: 'last' }, `${ARROW[f.direction]} ${fmt.price(f.predictedPrice)}`), h('span', null, fmt.pct(f.predictedReturn * 100))),
      h('p', { class: 'muted small' }, `in ${f.horizon} × ${f.tf} candles, by ${fmt.time(f.targetTime)} UTC`),
      h(
        'div',
        { class: 'figures' },
        figure('Price then', fmt.price(f.price)),
        figure('10% quantile', fmt.price(f.low)),
        figure('90% quantile', fmt.price(f.high)),
        figure('Confidence', fmt.ratio(f.confidence, 0), 'The band’s narrowness against what recent volatility alone gives (50%: as wide)'),
      ),
      h('p', { class: 'note' }, `Made at ${fmt.time(f.madeAt)} UTC by ${f.model}. The band on the chart is the 10–90% interval.`),
    );
  };

  const load = async () => {
    try {
      show(await loadForecast(symbol));
    } catch (e) {
      onPath(null, null);
      if (e instanceof ApiError && e.status === 404) fill(content, stateBlock('empty', e.title === 'No forecast' ? 'No forecast yet' : 'No model', e.message));
      else fill(content, stateBlock('error', 'The forecast did not load', describe(e), { label: 'Try again', run: () => void load() }));
    }
  };
  const reload = throttle(() => void load(), 1000);

  const live = new LiveSocket({
    path: `/ws/asset/${encodeURIComponent(symbol)}/forecast`,
    onFrame: (frame) => {
      const d = dataOf(frame);
      if (!d) return;
      if (d.snapshot && d.data && typeof d.data === 'object' && 'path' in d.data) show(d.data as ForecastBody);
      else reload();
    },
  });
  void load();
  return {
    el,
    close() {
      live.close();
      reload.cancel();
    },
  };
}

export function figure(label: string, value: string, title?: string): HTMLElement {
  return h('div', { class: 'figure', title: title ?? null }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
}
