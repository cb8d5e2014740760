/// <reference lib="dom" />
/**
 * A few lines of DOM building instead of a framework: pages are tables and forms that change in
 * place. Text always goes in as text (never as HTML), so nothing a server or a user typed can
 * run as markup; and no inline `style` attribute is ever written, which the page's
 * Content-Security-Policy would refuse (sizes go through `el.style`, which it allows).
 */

export type Child = Node | string | number | null | undefined | false;
type Listener = (ev: Event) => void;
export type Props = Record<string, string | number | boolean | null | undefined | Listener>;

/** `h('a', { href: '#/x', class: 'link', onclick: f }, 'text', child)`. `on*` props are listeners; false/null/undefined are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: (Child | readonly Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key === 'class') el.className = String(value);
      else if (key === 'value') (el as HTMLInputElement).value = String(value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(typeof child === 'number' ? String(child) : child);
  return el;
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: (Child | readonly Child[])[]): void {
  el.replaceChildren(...children.flat().filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'number' ? String(c) : c)));
}

/** Sets an element's text only when it changed: a live table rewrites hundreds of cells a second. */
export function setText(el: Element, text: string): boolean {
  if (el.textContent === text) return false;
  el.textContent = text;
  return true;
}

/** Briefly marks a changed value up or down (the CSS fades it). */
export function flash(el: Element, direction: 'up' | 'down'): void {
  el.classList.remove('flash-up', 'flash-down');
  // Reading layout restarts the animation when the same class comes back.
  void (el as HTMLElement).offsetWidth;
  el.classList.add(direction === 'up' ? 'flash-up' : 'flash-down');
}

/** A state block: loading, empty or error, with an optional action. `data-state` lets tests and styles find it. */
export function stateBlock(kind: 'loading' | 'empty' | 'error', title: string, detail?: Child | readonly Child[], action?: { label: string; run: () => void }): HTMLElement {
  return h(
    'div',
    { class: `state state-${kind}`, 'data-state': kind, role: kind === 'error' ? 'alert' : 'status' },
    kind === 'loading' ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    h('strong', null, title),
    detail === undefined ? null : h('p', null, detail),
    action ? h('button', { type: 'button', onclick: action.run }, action.label) : null,
  );
}

/** A banner over a page's content (a feed down, live updates paused); `set(null)` hides it. */
export function banner(): { el: HTMLElement; set(kind: 'warn' | 'error' | null, text?: string): void } {
  const el = h('div', { class: 'banner', role: 'status', hidden: true });
  return {
    el,
    set(kind, text = '') {
      el.hidden = kind === null;
      el.className = `banner${kind ? ` banner-${kind}` : ''}`;
      if (kind) el.dataset.banner = kind;
      else delete el.dataset.banner;
      setText(el, text);
    },
  };
}

/** Runs `fn` at most once per `ms`, trailing: the last call always runs. */
export function throttle(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const run = () => {
    timer = undefined;
    last = performance.now();
    fn();
  };
  const call = () => {
    if (timer !== undefined) return;
    const wait = Math.max(0, last + ms - performance.now());
    timer = setTimeout(run, wait);
  };
  call.cancel = () => clearTimeout(timer);
  return call;
}

/** Calls `fn` now and every `ms` while the page is mounted; the returned function stops it. Skipped while the tab is hidden. */
export function every(ms: number, fn: () => void | Promise<void>): () => void {
  let running = false;
  const tick = async () => {
    if (running || document.hidden) return;
    running = true;
    try {
      await fn();
    } finally {
      running = false;
    }
  };
  void tick();
  const id = setInterval(() => void tick(), ms);
  return () => clearInterval(id);
}
