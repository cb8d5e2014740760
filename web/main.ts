/// <reference lib="dom" />
import { stateBlock } from './lib/dom.ts';
import { route, type Page } from './router.ts';

/**
 * The dashboard's entry: routes the URL fragment (`#/symbol/BTCUSDT/1h`) to a page, unmounting
 * the previous one (its sockets and timers) first. Pages load on demand, so the markets page does
 * not wait for the charting library.
 */
const view = document.getElementById('view')!;
let unmount: (() => void) | null = null;
let generation = 0;

async function show(): Promise<void> {
  const mine = ++generation;
  const target = route(location.hash);
  unmount?.();
  unmount = null;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[data-page]')) {
    if (a.dataset.page === target.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${target.title} · Tickflow`;
  view.replaceChildren(stateBlock('loading', 'Loading…'));
  let page: Page;
  try {
    page = await target.load();
  } catch (e) {
    if (mine !== generation) return;
    view.replaceChildren(stateBlock('error', 'This page could not be loaded', String(e), { label: 'Reload', run: () => location.reload() }));
    return;
  }
  // Another navigation came in while this page's code was loading: it wins.
  if (mine !== generation) return;
  const root = document.createElement('div');
  root.className = `page page-${target.nav}`;
  view.replaceChildren(root);
  unmount = page(root, target.params);
}

window.addEventListener('hashchange', () => void show());
void show();
