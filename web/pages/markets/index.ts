/// <reference lib="dom" />
import type { SummaryLine } from '../../../api/ws/summary.ts';
import { api, call, describe } from '../../lib/api.ts';
import { banner, every, fill, h, stateBlock, throttle } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import { watchFeedTrouble } from '../../lib/health.ts';
import { dataOf, LiveSocket, statusText } from '../../lib/live.ts';
import type { Page } from '../../router.ts';
import { CLASSES, marketColumns, type ClassKey, type MarketRow } from './columns.ts';
import { KeyedTable } from '../../lib/table.ts';

const loadSummary = () => call(api.api.market.summary.$get({ query: {} }));
type Summary = Awaited<ReturnType<typeof loadSummary>>;

/** Every 30 s the REST summary again: names and the newest forecasts, which the live stream does not carry. */
const REFRESH_MS = 30_000;

/**
 * Markets: every symbol's last price, 24h change, range and volume by asset class, live over
 * `/ws/market/summary` (a snapshot, then a delta a second with the lines that changed), with the
 * model's newest forecast from the REST summary. Sortable, searchable; a row opens its symbol.
 */
export const marketsPage: Page = (root, params) => {
  const rows = new Map<string, MarketRow>();
  let cls: ClassKey = (CLASSES.find((c) => c.key === params[0])?.key ?? 'crypto') as ClassKey;
  let query = '';
  let loaded = false;
  let failed: string | null = null;

  const feedBanner = banner();
  const liveBanner = banner();
  const search = h('input', { type: 'search', placeholder: 'Search symbol or name', 'aria-label': 'Search symbols', autocomplete: 'off' }) as HTMLInputElement;
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Asset class' });
  const asOf = h('span', { class: 'muted small', 'data-testid': 'as-of' });
  const body = h('div', { class: 'panel' });
  const table = new KeyedTable<MarketRow>({
    label: 'Market summary',
    columns: marketColumns,
    key: (r) => r.symbol,
    href: (r) => `#/symbol/${encodeURIComponent(r.symbol)}`,
    sort: { key: 'symbol', dir: 'asc' },
    empty: () => (query ? `Nothing in ${labelOf(cls)} matches “${query}”.` : `No ${labelOf(cls)} data yet: the feed has not printed. Rows appear as prices arrive.`),
  });

  fill(root, h('div', { class: 'page-head' }, h('h1', null, 'Markets'), tabs, h('span', { class: 'grow' }), search), feedBanner.el, liveBanner.el, body, h('p', { class: 'note' }, asOf));

  const render = throttle(() => {
    if (!loaded) {
      fill(body, failed ? stateBlock('error', 'The market summary did not load', failed, { label: 'Try again', run: () => void refresh() }) : stateBlock('loading', 'Loading the market…'));
      return;
    }
    if (body.firstChild !== table.el) fill(body, table.el);
    const q = query.toLowerCase();
    const shown = [...rows.values()].filter((r) => (cls === 'all' || r.assetClass === cls) && (q === '' || r.symbol.toLowerCase().includes(q) || r.name.toLowerCase().includes(q)));
    table.set(shown);
    renderTabs();
    // Classes replay different years (crypto 2021, stocks from 2013): the time is the shown rows'.
    const newest = Math.max(0, ...shown.map((r) => r.time));
    asOf.textContent = newest > 0 ? `Market time ${fmt.time(newest)} UTC · ${shown.length} of ${rows.size} symbols · prices update live` : '';
  }, 200);

  const renderTabs = () => {
    const counts = (key: ClassKey) => [...rows.values()].filter((r) => key === 'all' || r.assetClass === key).length;
    fill(
      tabs,
      CLASSES.map((c) =>
        h('button', { type: 'button', role: 'tab', 'aria-selected': String(c.key === cls), 'data-class': c.key, onclick: () => ((cls = c.key), history.replaceState(null, '', `#/markets/${c.key}`), render()) }, c.label, h('span', { class: 'count' }, String(counts(c.key)))),
      ),
    );
  };

  /** Folds the REST summary in: every class's rows, with names and forecasts. */
  const take = (summary: Summary) => {
    for (const [assetClass, s] of Object.entries(summary)) {
      for (const r of s?.symbols ?? []) {
        const known = rows.get(r.symbol);
        // The live line may be newer than this cached answer: keep its figures, take the name and forecast.
        const base = known && known.time > r.time ? known : { ...r, assetClass };
        rows.set(r.symbol, { ...base, assetClass, name: r.name, forecast: r.forecast });
      }
    }
  };

  const refresh = async () => {
    try {
      take(await loadSummary());
      loaded = true;
      failed = null;
    } catch (e) {
      failed = describe(e);
    }
    render();
  };

  const live = new LiveSocket({
    path: '/ws/market/summary',
    onFrame: (frame) => {
      const d = dataOf(frame);
      if (!d) return;
      const { lines } = d.data as { lines: SummaryLine[] };
      for (const line of lines) {
        const known = rows.get(line.symbol);
        rows.set(line.symbol, { ...line, name: known?.name ?? line.symbol, forecast: known?.forecast ?? null });
      }
      loaded = true;
      render();
    },
    onStatus: (s) => {
      const text = statusText(s, 'Live prices');
      liveBanner.set(text ? 'warn' : null, text ?? '');
    },
  });

  search.addEventListener('input', () => {
    query = search.value.trim();
    render();
  });
  render();
  const stopRefresh = every(REFRESH_MS, refresh);
  const stopHealth = watchFeedTrouble((text) => feedBanner.set(text ? 'error' : null, text ?? ''));

  return () => {
    live.close();
    stopRefresh();
    stopHealth();
    render.cancel();
  };
};

const labelOf = (key: ClassKey) => (key === 'all' ? 'any class' : CLASSES.find((c) => c.key === key)!.label.toLowerCase());
