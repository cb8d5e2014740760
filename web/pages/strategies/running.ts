/// <reference lib="dom" />
import { hc } from 'hono/client';
import type { strategyRoutes } from '../../../api/routes/strategies.ts';
import { ApiError, call, describe } from '../../lib/api.ts';
import { fill, h, setText, stateBlock } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import { KeyedTable } from '../../lib/table.ts';
import { savedKeys, trading } from '../../lib/trading.ts';
import { examples, pretty } from './examples.ts';

/** `/api/strategies`, typed from its route module (the same types `AppType` carries once it is mounted). */
const client = hc<ReturnType<typeof strategyRoutes>>(location.origin);
/** Starting and stopping take the signed-in account's key pair (Account page): a strategy trades that account. */
const keyHeaders = (): Record<string, string> => {
  const keys = savedKeys();
  return keys ? { 'APCA-API-KEY-ID': keys.keyId, 'APCA-API-SECRET-KEY': keys.secret } : {};
};
const listStrategies = () => call(client.api.strategies.$get());
const inspect = (id: string) => call(client.api.strategies[':id'].$get({ param: { id }, query: { signals: '20' } }));
type View = Awaited<ReturnType<typeof inspect>>;
type Signal = View['signals'][number];

/** Whether the server has the route at all: an older or differently built server answers 404 for the path. */
const missing = (e: unknown) => e instanceof ApiError && e.status === 404 && e.title === 'Not Found';

const signalColumns = [
  { key: 'time', label: 'Decided (UTC)', sort: (s: Signal) => s.time, render: (s: Signal, td: HTMLTableCellElement) => void setText(td, fmt.time(s.time)) },
  { key: 'symbol', label: 'Symbol', sort: (s: Signal) => s.symbol, render: (s: Signal, td: HTMLTableCellElement) => void setText(td, s.symbol) },
  {
    key: 'side',
    label: 'Side',
    sort: (s: Signal) => s.side,
    render: (s: Signal, td: HTMLTableCellElement) => {
      setText(td, `${s.side} ${fmt.qty(s.qty)}`);
      td.className = s.side === 'buy' ? 'up' : 'down';
    },
  },
  { key: 'price', label: 'Price', numeric: true, sort: (s: Signal) => s.price, render: (s: Signal, td: HTMLTableCellElement) => void setText(td, fmt.price(s.price)) },
  { key: 'reason', label: 'Why', wide: true, render: (s: Signal, td: HTMLTableCellElement) => void setText(td, s.reason) },
  { key: 'status', label: 'Status', sort: (s: Signal) => s.status, render: (s: Signal, td: HTMLTableCellElement) => fill(td, h('span', { class: `pill ${s.status}`, title: s.note ?? '' }, s.status)) },
];

/**
 * Running strategies: each with its book (cash, equity, realised P&L), positions, counters and
 * latest signals, read again every few seconds; stop one; start one from a JSON config (the
 * API's documented example, with the signed-in account filled in).
 */
export function runningStrategies(): { el: HTMLElement; refresh(): Promise<void> } {
  const body = h('div', { class: 'page', 'data-testid': 'strategies' }, stateBlock('loading', 'Loading the strategies…'));
  const cards = new Map<string, { el: HTMLElement; summary: HTMLElement; signals: KeyedTable<Signal> }>();
  const config = h('textarea', { rows: 12, spellcheck: 'false', class: 'mono', 'aria-label': 'Strategy config (JSON)' }) as HTMLTextAreaElement;
  const message = h('p', { class: 'small', role: 'status', 'data-testid': 'strategy-message' });
  const startButton = h('button', { type: 'submit', class: 'primary' }, 'Start strategy');
  const form = h('form', { class: 'stack', 'data-testid': 'strategy-form' }, h('h3', null, 'Start a strategy'), config, h('div', { class: 'row' }, startButton), message);
  let available = true;

  const fillExample = async () => {
    try {
      const ex = (await examples()).strategy as Record<string, unknown> | null;
      if (!ex) return;
      const keys = savedKeys();
      const accountId = keys ? (await trading(keys).account().catch(() => null))?.id : undefined;
      config.value = pretty(accountId ? { ...ex, accountId } : ex);
    } catch {
      // The example is a convenience; the form works without it.
    }
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(config.value);
    } catch (e) {
      message.className = 'small error-text';
      message.textContent = `Not JSON: ${describe(e)}`;
      return;
    }
    startButton.disabled = true;
    try {
      const started = await call(client.api.strategies.$post({ json: parsed as never }, { headers: { ...keyHeaders(), 'Content-Type': 'application/json' } }));
      message.className = 'small ok-text';
      message.textContent = `Started ${String((started.strategy as { id?: unknown }).id ?? '')}.`;
      await refresh();
    } catch (e) {
      message.className = 'small error-text';
      message.textContent = describe(e);
    } finally {
      startButton.disabled = false;
    }
  });

  const card = (id: string) => {
    let c = cards.get(id);
    if (c) return c;
    const summary = h('div', { class: 'figures' });
    const signals = new KeyedTable<Signal>({ label: `Signals of ${id}`, columns: signalColumns, key: (s) => s.clientOrderId, sort: { key: 'time', dir: 'desc' }, empty: () => 'No signal yet: it decides at each close of its timeframe.' });
    const stopped = h('span', { class: 'error-text small', role: 'alert' });
    const stop = h('button', { type: 'button', class: 'small danger', onclick: () => void call(client.api.strategies[':id'].$delete({ param: { id } }, { headers: keyHeaders() })).then(refresh, (e: unknown) => void (stopped.textContent = describe(e))) }, 'Stop');
    const el = h('article', { class: 'panel', 'data-strategy': id }, h('div', { class: 'panel-head' }, h('h2', { class: 'mono' }, id), h('span', { class: 'grow' }), stopped, stop), summary, h('h3', null, 'Latest signals'), signals.el);
    c = { el, summary, signals };
    cards.set(id, c);
    return c;
  };

  const show = (v: View) => {
    const c = card(v.id);
    const cfg = v.config as { kind?: string; module?: string; symbols?: string[]; timeframe?: string; accountId?: string };
    const fig = (label: string, value: string, cls = '') => h('div', { class: 'figure' }, h('div', { class: 'label' }, label), h('div', { class: `value ${cls}` }, value));
    const open = v.positions.map((p) => `${fmt.qty(p.qty)} ${p.symbol}`).join(', ') || 'flat';
    fill(
      c.summary,
      fig('Runs', `${cfg.kind ?? cfg.module ?? '?'} on ${(cfg.symbols ?? []).join(', ')} ${cfg.timeframe ?? ''}`),
      fig('Account', cfg.accountId ?? '—'),
      fig('Positions', open),
      fig('Equity', v.state.equity === null ? '—' : fmt.usd(v.state.equity)),
      fig('Realised P&L', fmt.usd(v.state.realizedPnl), fmt.signClass(v.state.realizedPnl)),
      fig('Signals', fmt.int(v.state.stats.signals)),
      fig('Fills', fmt.int(v.state.stats.fills)),
      fig('Errors', fmt.int(v.state.stats.errors + v.state.stats.badEvents), v.state.stats.errors > 0 ? 'down' : ''),
    );
    c.signals.set(v.signals);
  };

  const refresh = async () => {
    if (!available) return;
    let list: Awaited<ReturnType<typeof listStrategies>>;
    try {
      list = await listStrategies();
    } catch (e) {
      if (missing(e)) {
        available = false;
        fill(body, stateBlock('empty', 'Strategies are not available on this server', 'Its /api/strategies answers 404: this server was built without the strategy routes, or is an --edge-only edge.'));
        form.hidden = true;
      } else fill(body, stateBlock('error', 'The strategies did not load', describe(e)));
      return;
    }
    const ids = list.strategies.map((s) => String((s as { id?: unknown }).id ?? '')).filter((id) => id !== '');
    for (const id of [...cards.keys()]) if (!ids.includes(id)) (cards.get(id)!.el.remove(), cards.delete(id));
    if (ids.length === 0) {
      fill(body, stateBlock('empty', 'No strategy runs', 'Start one below, or with POST /api/strategies.'));
      return;
    }
    const views = await Promise.allSettled(ids.slice(0, 20).map(inspect));
    fill(body, ids.slice(0, 20).map((id) => card(id).el));
    views.forEach((r) => r.status === 'fulfilled' && show(r.value));
  };

  void fillExample();
  return { el: h('section', { class: 'page' }, h('div', { class: 'page-head' }, h('h1', null, 'Strategies')), body, h('section', { class: 'panel' }, form)), refresh };
}
