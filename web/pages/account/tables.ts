/// <reference lib="dom" />
import { fill, h, setText } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import type { Column } from '../../lib/table.ts';
import type { OrderJson, PositionJson } from '../../lib/trading.ts';

const text = <T,>(key: string, label: string, value: (r: T) => string, opts: { numeric?: boolean; wide?: boolean; sort?: (r: T) => number | string | null } = {}): Column<T> => ({
  key,
  label,
  ...(opts.numeric ? { numeric: true } : {}),
  ...(opts.wide ? { wide: true } : {}),
  sort: opts.sort ?? value,
  render: (r, td) => void setText(td, value(r)),
});

const num = (s: string | null) => (s === null ? null : Number(s));
const symbolLink = <T extends { symbol: string },>(): Column<T> => ({
  key: 'symbol',
  label: 'Symbol',
  sort: (r) => r.symbol,
  render(r, td, prev) {
    if (!prev) fill(td, h('a', { class: 'sym', href: `#/symbol/${encodeURIComponent(r.symbol)}` }, r.symbol));
  },
});
const side = <T extends { side: string },>(): Column<T> => ({
  key: 'side',
  label: 'Side',
  sort: (r) => r.side,
  render(r, td) {
    setText(td, r.side);
    td.className = r.side === 'buy' || r.side === 'long' ? 'up' : 'down';
  },
});
const status: Column<OrderJson> = {
  key: 'status',
  label: 'Status',
  sort: (r) => r.status,
  render: (r, td) => fill(td, h('span', { class: `pill ${r.status}` }, r.status.replace('_', ' '))),
};
const price = (o: OrderJson) => [o.limit_price && `limit ${fmt.price(num(o.limit_price))}`, o.stop_price && `stop ${fmt.price(num(o.stop_price))}`, o.trail_price && `trail ${o.trail_price}`, o.trail_percent && `trail ${o.trail_percent}%`].filter(Boolean).join(', ') || '—';
const qtyOf = (o: OrderJson) => (o.qty !== null ? fmt.qty(o.qty) : `$${o.notional}`);

export function positionColumns(onClose: (symbol: string) => void): Column<PositionJson>[] {
  return [
    symbolLink<PositionJson>(),
    side<PositionJson>(),
    text('qty', 'Qty', (p) => fmt.qty(p.qty), { numeric: true, sort: (p) => Number(p.qty) }),
    text('avg', 'Avg entry', (p) => fmt.price(Number(p.avg_entry_price)), { numeric: true, sort: (p) => Number(p.avg_entry_price) }),
    text('current', 'Price', (p) => fmt.price(num(p.current_price)), { numeric: true, sort: (p) => num(p.current_price) }),
    text('value', 'Market value', (p) => fmt.usd(p.market_value), { numeric: true, wide: true, sort: (p) => num(p.market_value) }),
    {
      key: 'upl',
      label: 'Unrealised P&L',
      numeric: true,
      sort: (p) => num(p.unrealized_pl),
      render(p, td) {
        const pl = num(p.unrealized_pl);
        setText(td, `${fmt.usd(pl)} (${fmt.pct(num(p.unrealized_plpc) === null ? null : Number(p.unrealized_plpc) * 100)})`);
        td.className = `num ${fmt.signClass(pl)}`;
      },
    },
    { key: 'close', label: '', render: (p, td, prev) => void (!prev && fill(td, h('button', { type: 'button', class: 'small danger', onclick: () => onClose(p.symbol) }, 'Close'))) },
  ];
}

/** Open orders, with Replace and Cancel (by id: the row's order changes as it fills). */
export function openOrderColumns(actions: { replace(id: string): void; cancel(id: string): void }): Column<OrderJson>[] {
  return [
    symbolLink<OrderJson>(),
    side<OrderJson>(),
    text('type', 'Type', (o) => o.type.replace('_', ' ') + (o.order_class ? ` (${o.order_class})` : '')),
    text('qty', 'Qty', qtyOf, { numeric: true, sort: (o) => num(o.qty) }),
    text('filled', 'Filled', (o) => fmt.qty(o.filled_qty), { numeric: true, wide: true, sort: (o) => Number(o.filled_qty) }),
    text('price', 'Price', price, { wide: true }),
    text('tif', 'TIF', (o) => o.time_in_force, { wide: true }),
    status,
    text('submitted', 'Submitted (UTC)', (o) => fmt.time(o.submitted_at ?? o.created_at), { wide: true, sort: (o) => o.submitted_at ?? o.created_at }),
    {
      key: 'actions',
      label: '',
      render(o, td, prev) {
        if (prev) return;
        fill(
          td,
          h('span', { class: 'row' }, h('button', { type: 'button', class: 'small', 'data-action': 'replace', onclick: () => actions.replace(o.id) }, 'Replace'), h('button', { type: 'button', class: 'small danger', 'data-action': 'cancel', onclick: () => actions.cancel(o.id) }, 'Cancel')),
        );
      },
    },
  ];
}

export function pastOrderColumns(): Column<OrderJson>[] {
  return [
    symbolLink<OrderJson>(),
    side<OrderJson>(),
    text('type', 'Type', (o) => o.type.replace('_', ' ')),
    text('qty', 'Qty', qtyOf, { numeric: true, sort: (o) => num(o.qty) }),
    text('filled', 'Filled', (o) => fmt.qty(o.filled_qty), { numeric: true, sort: (o) => Number(o.filled_qty) }),
    text('avg', 'Avg price', (o) => fmt.price(num(o.filled_avg_price)), { numeric: true, sort: (o) => num(o.filled_avg_price) }),
    status,
    text('updated', 'Updated (UTC)', (o) => fmt.time(o.filled_at ?? o.canceled_at ?? o.updated_at), { wide: true, sort: (o) => o.updated_at }),
  ];
}
