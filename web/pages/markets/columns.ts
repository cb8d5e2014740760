/// <reference lib="dom" />
import type { SummaryLine } from '../../../api/ws/summary.ts';
import { fill, flash, h, setText } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import type { Column } from '../../lib/table.ts';

/** A forecast as the REST summary gives it (a row's `forecast`). */
export interface RowForecast {
  direction: 'up' | 'down' | 'flat';
  predictedReturn: number;
  confidence: number;
  targetTime: number;
  model: string;
}

/** One line of the market table: the live figures, the name, the newest forecast. */
export type MarketRow = Omit<SummaryLine, 'assetClass'> & { assetClass: string; name: string; forecast: RowForecast | null };

export type ClassKey = 'crypto' | 'stock' | 'macro' | 'all';
export const CLASSES: readonly { key: ClassKey; label: string }[] = [
  { key: 'crypto', label: 'Crypto' },
  { key: 'stock', label: 'Stocks' },
  { key: 'macro', label: 'Macro' },
  { key: 'all', label: 'All' },
];

const ARROW = { up: '▲', down: '▼', flat: '▶' } as const;

/** A numeric cell that flashes when its value moves. */
const live = (key: keyof MarketRow, label: string, format: (r: MarketRow) => string, opts: { signed?: boolean; wide?: boolean } = {}): Column<MarketRow> => ({
  key,
  label,
  numeric: true,
  ...(opts.wide ? { wide: true } : {}),
  sort: (r) => r[key] as number,
  render(r, td, prev) {
    const changed = setText(td, format(r));
    if (opts.signed) td.className = `num ${fmt.signClass(r[key] as number)}`;
    if (changed && prev && typeof prev[key] === 'number' && prev[key] !== r[key]) flash(td, (r[key] as number) > (prev[key] as number) ? 'up' : 'down');
  },
});

export const marketColumns: readonly Column<MarketRow>[] = [
  {
    key: 'symbol',
    label: 'Symbol',
    sort: (r) => r.symbol,
    render(r, td, prev) {
      if (prev && prev.name === r.name) return;
      fill(td, h('a', { class: 'sym', href: `#/symbol/${encodeURIComponent(r.symbol)}` }, r.symbol), h('span', { class: 'name' }, r.name));
    },
  },
  live('last', 'Last', (r) => fmt.price(r.last)),
  live('changePct', '24h', (r) => fmt.pct(r.changePct), { signed: true }),
  live('high', '24h high', (r) => fmt.price(r.high), { wide: true }),
  live('low', '24h low', (r) => fmt.price(r.low), { wide: true }),
  live('volume', 'Volume', (r) => fmt.volume(r.volume), { wide: true }),
  {
    key: 'forecast',
    label: 'Forecast',
    numeric: true,
    sort: (r) => r.forecast?.predictedReturn ?? null,
    render(r, td) {
      const f = r.forecast;
      const text = f ? `${ARROW[f.direction]} ${fmt.pct(f.predictedReturn * 100)}` : '—';
      setText(td, text);
      td.className = `num ${f ? fmt.signClass(f.predictedReturn) : 'flat'}`;
      td.title = f ? `${f.model}: ${fmt.pct(f.predictedReturn * 100)} by ${fmt.time(f.targetTime)} UTC, confidence ${fmt.ratio(f.confidence, 0)}` : 'No forecast: macro series are not forecast, and others wait for their first close';
    },
  },
  {
    key: 'time',
    label: 'As of (UTC)',
    wide: true,
    sort: (r) => r.time,
    render(r, td) {
      setText(td, fmt.time(r.time));
      td.classList.add('muted');
    },
  },
];
