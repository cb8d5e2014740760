/// <reference lib="dom" />
import { h, type Child } from './dom.ts';

export interface Column<T> {
  key: string;
  label: string;
  /** What the column sorts by; none: not sortable. */
  sort?: (row: T) => number | string | null;
  /** Fills or updates the cell; `prev` is the row's previous value when it is an update (to flash what changed). */
  render(row: T, td: HTMLTableCellElement, prev: T | undefined): void;
  /** Numbers are right-aligned. */
  numeric?: boolean;
  /** Left out on phone-width screens. */
  wide?: boolean;
}

export interface TableOptions<T> {
  columns: readonly Column<T>[];
  key(row: T): string;
  /** The row's link (a whole row opens it; the first cell carries a real link for keyboard and middle click). */
  href?(row: T): string;
  sort?: { key: string; dir: 'asc' | 'desc' };
  /** Shown in place of the rows when there are none. */
  empty(): Child;
  label: string;
}

type RowEl<T> = { tr: HTMLTableRowElement; cells: HTMLTableCellElement[]; row: T };

/**
 * A table whose rows are kept by key: an update rewrites the cells of the rows that changed and
 * keeps every other element, so a live table costs the browser little and a row being hovered or
 * focused stays put. Clicking a sortable header sorts by it, again reverses.
 */
export class KeyedTable<T> {
  readonly el: HTMLElement;
  private readonly tbody = h('tbody');
  private readonly emptyRow = h('tr', { class: 'empty-row' });
  private readonly rows = new Map<string, RowEl<T>>();
  private readonly heads = new Map<string, HTMLTableCellElement>();
  private sort: { key: string; dir: 'asc' | 'desc' } | null;
  private last: readonly T[] = [];

  constructor(private readonly opts: TableOptions<T>) {
    this.sort = opts.sort ?? null;
    const head = h(
      'tr',
      null,
      opts.columns.map((c) => {
        const th = h('th', { scope: 'col', class: [c.numeric ? 'num' : '', c.wide ? 'wide' : ''].join(' ').trim() || null });
        if (c.sort) {
          th.append(h('button', { type: 'button', class: 'sort', onclick: () => this.sortBy(c.key) }, c.label));
          this.heads.set(c.key, th);
        } else th.textContent = c.label;
        return th;
      }),
    );
    this.emptyRow.append(h('td', { colspan: opts.columns.length }));
    this.el = h('div', { class: 'table-wrap' }, h('table', { 'aria-label': opts.label }, h('thead', null, head), this.tbody));
    this.markSort();
  }

  sortBy(key: string): void {
    this.sort = this.sort?.key === key ? { key, dir: this.sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
    this.markSort();
    this.set(this.last);
  }

  private markSort(): void {
    for (const [key, th] of this.heads) {
      th.setAttribute('aria-sort', this.sort?.key === key ? (this.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    }
  }

  /** The rows to show now, in any order: kept, added, removed and sorted by key. */
  set(rows: readonly T[]): void {
    this.last = rows;
    const seen = new Set<string>();
    const ordered = this.sorted(rows);
    const els: HTMLTableRowElement[] = [];
    for (const row of ordered) {
      const key = this.opts.key(row);
      seen.add(key);
      let r = this.rows.get(key);
      if (!r) {
        r = this.create(key, row);
        this.rows.set(key, r);
      } else if (r.row !== row) {
        const prev = r.row;
        r.row = row;
        this.opts.columns.forEach((c, i) => c.render(row, r!.cells[i]!, prev));
      }
      els.push(r.tr);
    }
    for (const [key, r] of this.rows) if (!seen.has(key)) (this.rows.delete(key), r.tr.remove());
    if (els.length === 0) {
      this.emptyRow.firstElementChild!.replaceChildren(h('div', { class: 'empty' }, this.opts.empty()));
      this.tbody.replaceChildren(this.emptyRow);
      return;
    }
    this.emptyRow.remove();
    // Moves only the rows that are out of place.
    els.forEach((tr, i) => {
      if (this.tbody.children[i] !== tr) this.tbody.insertBefore(tr, this.tbody.children[i] ?? null);
    });
  }

  private create(key: string, row: T): RowEl<T> {
    const href = this.opts.href?.(row);
    const cells = this.opts.columns.map((c) => {
      const td = h('td', { class: [c.numeric ? 'num' : '', c.wide ? 'wide' : ''].join(' ').trim() || null, 'data-col': c.key });
      c.render(row, td, undefined);
      return td;
    });
    const tr = h('tr', { 'data-key': key, class: href ? 'link-row' : null }, cells);
    if (href) tr.addEventListener('click', (ev) => {
      if ((ev.target as Element).closest('a, button, input, select')) return;
      location.hash = href.replace(/^#/, '');
    });
    return { tr, cells, row };
  }

  private sorted(rows: readonly T[]): T[] {
    const col = this.sort && this.opts.columns.find((c) => c.key === this.sort!.key);
    if (!col?.sort) return [...rows];
    const by = col.sort;
    const sign = this.sort!.dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = by(a);
      const y = by(b);
      if (x === y) return 0;
      // Missing values last, whichever the direction.
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    });
  }
}
