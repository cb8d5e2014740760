/// <reference lib="dom" />
import { fill, h, setText } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import type { Column } from '../../lib/table.ts';

/** One actor of `/api/admin/actors`, with its message rate since the previous reading. */
export interface ActorRow {
  address: string;
  kind: string;
  worker: number;
  status: string;
  mailbox: { depth: number; capacity: number; overflow: string };
  processed: number;
  dropped: number;
  restarts: number;
  failures: number;
  depth: number;
  rate: number | null;
}

const n = (key: keyof ActorRow, label: string, value: (r: ActorRow) => number | null, wide = false): Column<ActorRow> => ({
  key,
  label,
  numeric: true,
  ...(wide ? { wide: true } : {}),
  sort: value,
  render: (r, td) => void setText(td, fmt.int(value(r))),
});

export const actorColumns: readonly Column<ActorRow>[] = [
  {
    key: 'address',
    label: 'Actor',
    sort: (r) => r.address,
    render(r, td, prev) {
      if (prev && prev.depth === r.depth) return;
      const indent = h('span', { class: 'tree-indent' }, r.depth > 0 ? '└ ' : '');
      indent.style.paddingLeft = `${Math.max(0, r.depth - 1) * 16}px`;
      fill(td, indent, h('span', { class: 'mono' }, r.address));
    },
  },
  { key: 'kind', label: 'Kind', sort: (r) => r.kind, wide: true, render: (r, td) => void setText(td, r.kind) },
  { key: 'worker', label: 'Worker', numeric: true, sort: (r) => r.worker, render: (r, td) => void setText(td, String(r.worker)) },
  {
    key: 'status',
    label: 'Status',
    sort: (r) => r.status,
    render(r, td, prev) {
      if (prev?.status === r.status) return;
      fill(td, h('span', { class: `pill ${r.status === 'running' ? 'ok' : r.status === 'stopped' || r.status === 'failed' ? 'bad' : 'warn'}` }, r.status));
    },
  },
  {
    key: 'mailbox',
    label: 'Mailbox',
    numeric: true,
    sort: (r) => r.mailbox.depth,
    render(r, td, prev) {
      const share = r.mailbox.capacity > 0 ? r.mailbox.depth / r.mailbox.capacity : 0;
      if (!prev) fill(td, h('span', { class: 'meter' }, h('span')), h('span', { class: 'depth' }));
      const meter = td.firstElementChild as HTMLElement;
      meter.classList.toggle('hot', share > 0.5);
      (meter.firstElementChild as HTMLElement).style.width = `${Math.min(100, Math.max(share > 0 ? 4 : 0, share * 100)).toFixed(0)}%`;
      setText(td.lastElementChild!, `${fmt.int(r.mailbox.depth)} / ${fmt.int(r.mailbox.capacity)}`);
      td.title = `overflow policy: ${r.mailbox.overflow}`;
    },
  },
  n('processed', 'Processed', (r) => r.processed, true),
  n('rate', 'Msg/s', (r) => r.rate),
  n('restarts', 'Restarts', (r) => r.restarts),
  n('failures', 'Failures', (r) => r.failures, true),
  n('dropped', 'Dropped', (r) => r.dropped, true),
];
