/// <reference lib="dom" />
import { api, ApiError, call, describe } from '../../lib/api.ts';
import { fill, h, setText, stateBlock } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import { KeyedTable } from '../../lib/table.ts';
import { examples, pretty } from './examples.ts';

const listJobs = () => call(api.api.backtests.$get());
export const loadJob = (id: string) => call(api.api.backtests[':id'].$get({ param: { id } }));
export type Job = Awaited<ReturnType<typeof loadJob>>;

const missing = (e: unknown) => e instanceof ApiError && e.status === 404;

/** A job's progress: a bar while it runs, its outcome after. */
function progressOf(j: Job): HTMLElement {
  if (j.status === 'done') return h('a', { href: `#/backtests/${encodeURIComponent(j.id)}`, 'data-action': 'report' }, j.sweep ? 'Open the ranking' : 'Open the report');
  if (j.status === 'failed') return h('span', { class: 'error-text small', title: j.errors.join('\n') }, j.errors[0] ?? 'failed');
  const bar = h('span');
  bar.style.width = `${Math.max(0, Math.min(100, j.progress.pct))}%`;
  return h('div', { class: 'row' }, h('div', { class: 'progress', role: 'progressbar', 'aria-valuenow': j.progress.pct, 'aria-valuemin': 0, 'aria-valuemax': 100 }, bar), h('span', { class: 'small muted' }, `${j.progress.phase ?? j.status} ${j.progress.pct}%`));
}

/**
 * Backtests: start one from the API's example config (editable), watch its progress, open its
 * report. Jobs run in the engine's process one at a time; the list and a running job's progress
 * are read again every second while one runs.
 */
export function backtests(): { el: HTMLElement; refresh(): Promise<void> } {
  const config = h('textarea', { rows: 14, spellcheck: 'false', class: 'mono', 'aria-label': 'Backtest config (JSON)' }) as HTMLTextAreaElement;
  const message = h('p', { class: 'small', role: 'status', 'data-testid': 'backtest-message' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Run backtest');
  const form = h('form', { class: 'stack', 'data-testid': 'backtest-form' }, h('h3', null, 'Start a backtest'), h('p', { class: 'note' }, 'The example is the API’s own (POST /api/backtests); edit it as you like.'), config, h('div', { class: 'row' }, submit), message);
  const body = h('div', { 'data-testid': 'backtests' }, stateBlock('loading', 'Loading the backtests…'));
  const jobs = new KeyedTable<Job>({
    label: 'Backtests',
    key: (j) => j.id,
    empty: () => 'No backtest yet: start one with the form.',
    columns: [
      { key: 'name', label: 'Backtest', sort: (j) => j.name, render: (j, td) => void setText(td, j.name) },
      { key: 'status', label: 'Status', sort: (j) => j.status, render: (j, td) => fill(td, h('span', { class: `pill ${j.status}` }, j.status)) },
      { key: 'progress', label: 'Progress', render: (j, td, prev) => void (prev?.status === 'done' || fill(td, progressOf(j))) },
      { key: 'submitted', label: 'Submitted (UTC)', wide: true, sort: (j) => j.submittedAt, render: (j, td) => void setText(td, fmt.time(j.submittedAt, true)) },
    ],
  });
  let available = true;

  void examples()
    .then((ex) => {
      if (ex.backtest && config.value === '') config.value = pretty(ex.backtest);
    })
    .catch(() => {});

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(config.value) as Record<string, unknown>;
    } catch (e) {
      message.className = 'small error-text';
      message.textContent = `Not JSON: ${describe(e)}`;
      return;
    }
    submit.disabled = true;
    try {
      const job = await call(api.api.backtests.$post({ json: { config: parsed } }));
      message.className = 'small ok-text';
      message.textContent = `Queued as ${job.id}.`;
      busy = true;
      await refresh();
    } catch (e) {
      message.className = 'small error-text';
      message.textContent = describe(e);
    } finally {
      submit.disabled = false;
    }
  });

  // Every second while a job is queued or running (its progress moves), every fifth second otherwise.
  let busy = true;
  let ticks = 0;
  const refresh = async () => {
    if (!available || (!busy && ticks++ % 5 !== 0)) return;
    try {
      const list = await listJobs();
      busy = list.backtests.some((j) => j.status === 'queued' || j.status === 'running');
      if (body.firstChild !== jobs.el) fill(body, jobs.el);
      jobs.set(list.backtests);
    } catch (e) {
      if (missing(e)) {
        available = false;
        form.hidden = true;
        fill(body, stateBlock('empty', 'Backtests are not available on this server', 'Its /api/backtests answers 404: backtests run where the engine runs, not on an --edge-only edge.'));
      } else fill(body, stateBlock('error', 'The backtests did not load', describe(e)));
    }
  };

  return { el: h('section', { class: 'page' }, h('div', { class: 'page-head' }, h('h1', null, 'Backtests')), h('div', { class: 'grid-2' }, h('section', { class: 'panel' }, body), h('section', { class: 'panel' }, form))), refresh };
}
