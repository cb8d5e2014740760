import { expect, test } from 'bun:test';
import { address } from '../../engine/index.ts';
import { ProbeContext } from '../../engine/testing/probe.ts';
import { summary, type SummaryView } from './behaviour.ts';

const line = (symbol: string, changePct: number, volume: number, time = 60_000) =>
  ({ type: 'stats' as const, symbol, time, last: 10, changePct, volume, high: 11, low: 9 });

test('keeps the latest figures per symbol and ranks the movers', () => {
  const ctx = new ProbeContext(address('summary', 'crypto'));
  const s = summary.init({ assetClass: 'crypto' }, ctx);
  expect([...ctx.subscriptions]).toEqual(['stats.crypto.*']);
  for (const m of [line('AAA', 5, 100), line('BBB', -3, 900), line('CCC', 1, 10), line('AAA', 7, 120, 120_000), line('AAA', 2, 1, 30_000)]) summary.handlers.stats(s, m, ctx);
  summary.handlers.view(s, { type: 'view', limit: 2 }, ctx);
  const view = ctx.replies.at(-1) as SummaryView;
  expect(view.symbols.map((l) => l.symbol)).toEqual(['AAA', 'BBB']);
  expect(view.symbols[0]).toMatchObject({ changePct: 7, time: 120_000 }); // a late, older figure is ignored
  expect(view.gainers.map((l) => l.symbol)).toEqual(['AAA', 'CCC', 'BBB']);
  expect(view.losers[0]!.symbol).toBe('BBB');
  expect(view.mostTraded[0]!.symbol).toBe('BBB');
});

test('restored from a snapshot, it subscribes again and keeps its lines', () => {
  const ctx = new ProbeContext(address('summary', 'crypto'));
  const s = summary.init({ assetClass: 'crypto' }, ctx);
  summary.handlers.stats(s, line('AAA', 5, 100), ctx);
  const again = new ProbeContext(address('summary', 'crypto'));
  const r = summary.restore!(JSON.parse(JSON.stringify(summary.snapshot!(s))), { assetClass: 'crypto' }, again);
  expect([...again.subscriptions]).toEqual(['stats.crypto.*']);
  expect(Object.keys(r.lines)).toEqual(['AAA']);
});
