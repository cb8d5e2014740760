/// <reference lib="dom" />
import { api, ApiError, call, describe } from '../../lib/api.ts';
import { every, fill, h, setText, stateBlock } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import { readHealth, type Health } from '../../lib/health.ts';
import { KeyedTable } from '../../lib/table.ts';
import type { Page } from '../../router.ts';
import { actorColumns, type ActorRow } from './actors.ts';
import { feedLags } from './metrics.ts';

const ADMIN = 'tickflow.admin';
const POLL_MS = 2_000;

const loadActors = (key: string) => call(api.api.admin.actors.$get(undefined, { headers: { Authorization: `Bearer ${key}` } }));
type ActorTree = Awaited<ReturnType<typeof loadActors>>;
type Worker = Health['engine']['workers'][number] & { rate: number | null; turns: number | null };

/**
 * System: the engine as an operator watches it, live (read every 2 s). Workers with their actors,
 * backlog and message rate; the feeds, their state and data lag (`/metrics`); totals; and, with
 * the admin key, the actor tree with mailbox depths, restarts and the latest dead letters.
 */
export const systemPage: Page = (root) => {
  const status = h('span', { class: 'pill', 'data-testid': 'health-status' }, '…');
  const meta = h('span', { class: 'muted small' });
  const problems = h('div');
  const totals = h('div', { class: 'figures' });
  const lags = h('div', { class: 'figures', 'data-testid': 'feed-lag' });
  const workers = new KeyedTable<Worker>({
    label: 'Workers',
    key: (w) => String(w.index),
    empty: () => 'No worker answered.',
    columns: [
      { key: 'index', label: 'Worker', numeric: true, sort: (w) => w.index, render: (w, td) => void setText(td, String(w.index)) },
      { key: 'alive', label: 'State', sort: (w) => String(w.alive), render: (w, td) => fill(td, h('span', { class: `pill ${w.alive ? 'ok' : 'bad'}` }, w.alive ? 'alive' : 'down')) },
      { key: 'actors', label: 'Actors', numeric: true, sort: (w) => w.actors, render: (w, td) => void setText(td, fmt.int(w.actors)) },
      { key: 'backlog', label: 'Backlog', numeric: true, sort: (w) => w.backlog, render: (w, td) => void setText(td, fmt.int(w.backlog)) },
      { key: 'rate', label: 'Msg/s', numeric: true, sort: (w) => w.rate, render: (w, td) => ((td.title = w.rate === null ? 'Message rates come with the actor tree: enter the admin key below' : ''), void setText(td, fmt.int(w.rate))) },
      { key: 'deaths', label: 'Deaths', numeric: true, sort: (w) => w.deaths, render: (w, td) => void setText(td, fmt.int(w.deaths)) },
    ],
  });
  const feeds = new KeyedTable<Health['feeds'][number]>({
    label: 'Feeds',
    key: (f) => f.name,
    empty: () => 'No feed has reported a state: the bundled replay does not (the live venues’ feeds, with --live, do). The data lag below says whether data flows.',
    columns: [
      { key: 'name', label: 'Feed', sort: (f) => f.name, render: (f, td) => void setText(td, f.name) },
      { key: 'state', label: 'State', sort: (f) => f.state, render: (f, td) => fill(td, h('span', { class: `pill ${f.state}` }, f.state)) },
      { key: 'heard', label: 'Said (UTC)', sort: (f) => f.heardAt, render: (f, td) => void setText(td, fmt.time(f.heardAt, true)) },
      { key: 'detail', label: 'Detail', wide: true, render: (f, td) => void setText(td, Object.entries(f.detail).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ') || '—') },
    ],
  });
  const filter = h('input', { type: 'search', placeholder: 'Filter actors', 'aria-label': 'Filter actors' }) as HTMLInputElement;
  const actors = new KeyedTable<ActorRow>({ label: 'Actors', columns: actorColumns, key: (a) => a.address, empty: () => (filter.value ? `No actor matches “${filter.value}”.` : 'No actors.') });
  const actorsBody = h('div', { 'data-testid': 'actors' });
  const deadLetters = h('div', { class: 'log', 'data-testid': 'dead-letters' });
  const actorsHead = h('span', { class: 'muted small' });

  fill(
    root,
    h('div', { class: 'page-head' }, h('h1', null, 'System'), status, meta),
    problems,
    h('section', { class: 'panel' }, h('h2', null, 'Engine totals'), totals),
    h('div', { class: 'grid' }, h('section', { class: 'panel', 'data-testid': 'workers' }, h('h2', null, 'Workers'), workers.el), h('section', { class: 'panel', 'data-testid': 'feeds' }, h('h2', null, 'Feeds'), feeds.el, h('h3', null, 'Data lag by class'), lags)),
    h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', null, 'Actor tree'), actorsHead, h('span', { class: 'grow' }), filter), actorsBody),
    h('section', { class: 'panel' }, h('h2', null, 'Dead letters'), deadLetters),
  );

  let health: Health | null = null;
  let previous: { at: number; tree: ActorTree } | null = null;
  let rates = new Map<number, number>();
  let tree: ActorTree | null = null;
  let actorRows: ActorRow[] | null = null;

  function showActors(): void {
    if (!actorRows) return;
    if (actorsBody.firstChild !== actors.el) fill(actorsBody, actors.el);
    const q = filter.value.trim().toLowerCase();
    actors.set(q ? actorRows.filter((r) => r.address.toLowerCase().includes(q) || r.kind.includes(q)) : actorRows);
  }

  const fig = (label: string, value: string) => h('div', { class: 'figure' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));

  const renderHealth = () => {
    if (!health) return;
    setText(status, health.status);
    status.className = `pill ${health.status === 'ok' ? 'ok' : 'degraded'}`;
    setText(meta, `version ${health.version} · up ${fmt.seconds(health.uptimeMs / 1000)} · sqlite ${health.sqlite.status} · redis ${health.redis.status}`);
    const lines = [...(health.degraded ?? []).map((d) => ['error', d] as const), ...(health.warnings ?? []).map((w) => ['warn', w] as const)];
    fill(problems, lines.map(([kind, text]) => h('div', { class: `banner banner-${kind}`, 'data-banner': kind }, text)));
    const t = health.engine.totals;
    fill(totals, fig('Processed', fmt.int(t.processed)), fig('Queued', fmt.int(t.queued)), fig('Dropped', fmt.int(t.dropped)), fig('Dead letters', fmt.int(t.deadLetters)), fig('Worker deaths', fmt.int(t.workerDeaths)), fig('Workers', fmt.int(t.workers)));
    workers.set(health.engine.workers.map((w) => ({ ...w, rate: tree ? (rates.get(w.index) ?? null) : null, turns: null })));
    feeds.set(health.feeds);
  };

  const readAll = async () => {
    try {
      health = await readHealth();
      renderHealth();
    } catch (e) {
      setText(status, 'unreachable');
      status.className = 'pill bad';
      fill(problems, h('div', { class: 'banner banner-error', 'data-banner': 'error' }, describe(e)));
    }
    try {
      const lag = await feedLags();
      fill(lags, Object.keys(lag).length ? Object.entries(lag).map(([cls, s]) => fig(cls, fmt.seconds(s))) : h('p', { class: 'muted small' }, 'No market data heard yet.'));
    } catch (e) {
      fill(lags, h('p', { class: 'muted small' }, `The metrics did not load: ${describe(e)}`));
    }
  };

  const keyForm = (why: string, error = false) => {
    const input = h('input', { type: 'password', name: 'admin-key', autocomplete: 'off', placeholder: 'ADMIN_KEY', 'aria-label': 'Admin key' }) as HTMLInputElement;
    const form = h('form', { class: 'row', 'data-testid': 'admin-key' }, input, h('button', { type: 'submit', class: 'primary' }, 'Show actors'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      sessionStorage.setItem(ADMIN, input.value.trim());
      void readActors();
    });
    fill(actorsBody, h('p', { class: error ? 'error-text' : 'muted' }, why), form);
  };

  const readActors = async () => {
    const key = sessionStorage.getItem(ADMIN);
    if (!key) {
      tree = null;
      if (!actorsBody.querySelector('form')) keyForm('The actor tree is an admin view: enter the server’s admin key (ADMIN_KEY).');
      return;
    }
    try {
      tree = await loadActors(key);
    } catch (e) {
      tree = null;
      actorRows = null;
      sessionStorage.removeItem(ADMIN);
      if (e instanceof ApiError && e.status === 404) fill(actorsBody, stateBlock('empty', 'No admin routes on this server', 'The actor tree is an admin view, and this server runs without ADMIN_KEY. Start it with ADMIN_KEY=<at least 16 characters> to see it.'));
      else if (e instanceof ApiError && e.status === 401) keyForm(`The admin key is wrong: ${e.message}`, true);
      else keyForm(`The actor tree did not load: ${describe(e)}`, true);
      return;
    }
    const now = performance.now();
    const dt = previous ? (now - previous.at) / 1000 : 0;
    const before = new Map(previous?.tree.actors.map((a) => [a.address, a.processed]) ?? []);
    rates = new Map(tree.workers.map((w) => [w.index, previous && dt > 0 ? Math.max(0, (w.processed - (previous.tree.workers.find((p) => p.index === w.index)?.processed ?? w.processed)) / dt) : 0]));
    const rows: ActorRow[] = tree.actors.map((a) => ({ ...a, rate: dt > 0 && before.has(a.address) ? Math.max(0, (a.processed - before.get(a.address)!) / dt) : null }));
    previous = { at: now, tree };
    actorRows = rows;
    showActors();
    setText(actorsHead, `${tree.actors.length} actors on ${tree.workers.length} workers`);
    const dead = [...tree.deadLetters].sort((a, b) => b.at - a.at).slice(0, 50);
    fill(deadLetters, dead.length ? dead.map((d) => h('div', { title: d.reason }, `${fmt.time(d.at, true)} w${d.worker} → ${d.to} ${d.type}: ${d.reason}`)) : h('div', { class: 'muted' }, 'None.'));
    renderHealth();
  };
  fill(deadLetters, h('div', { class: 'muted' }, 'With the admin key: the latest dead letters of each worker, and why.'));
  // Filtering shows the last reading again: reading the tree here would make rates over a keystroke's interval.
  filter.addEventListener('input', showActors);

  const stops = [every(POLL_MS, readAll), every(POLL_MS, readActors)];
  return () => stops.forEach((s) => s());
};
