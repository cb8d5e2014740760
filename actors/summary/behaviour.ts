import { z } from 'zod';
import { behaviour, protocol, topicPattern } from '../../engine/index.ts';
import type { StatsMsg } from '../symbol/index.ts';

type Line = Omit<StatsMsg, 'type'>;

export interface SummaryView {
  assetClass: string;
  symbols: Line[];
  gainers: Line[];
  losers: Line[];
  mostTraded: Line[];
}

const top = (lines: Line[], by: (l: Line) => number, n: number) => [...lines].sort((a, b) => by(b) - by(a) || a.symbol.localeCompare(b.symbol)).slice(0, n);

/**
 * The market summary of one asset class, addressed `summary/<class>`: the last price, 24h change
 * and volume of every symbol in it, and its top movers, from the `stats.<class>.*` topic the
 * symbol actors publish once per closed minute. The edge reads it instead of asking every symbol.
 */
export const summary = behaviour({
  kind: 'summary',
  props: z.object({ assetClass: z.enum(['crypto', 'stock', 'macro']) }),
  protocol: protocol({
    stats: { symbol: z.string(), time: z.number(), last: z.number(), changePct: z.number(), volume: z.number(), high: z.number(), low: z.number() },
    view: { limit: z.number().int().positive().max(100) },
  }),
  // Only the latest figures matter: a backlog of stale ones may be shed.
  mailbox: { capacity: 10_000, overflow: 'drop-oldest' },
  init: (props, ctx) => {
    ctx.subscribe(topicPattern(`stats.${props.assetClass}.*`));
    return { assetClass: props.assetClass, lines: {} as Record<string, Line> };
  },
  handlers: {
    stats: (s, { type: _t, ...line }) => {
      const known = s.lines[line.symbol];
      if (!known || known.time <= line.time) s.lines[line.symbol] = line;
    },
    view: (s, m, ctx) => {
      const lines = Object.values(s.lines).sort((a, b) => a.symbol.localeCompare(b.symbol));
      const view: SummaryView = {
        assetClass: s.assetClass,
        symbols: lines.slice(0, m.limit),
        gainers: top(lines, (l) => l.changePct, 5),
        losers: top(lines, (l) => -l.changePct, 5),
        mostTraded: top(lines, (l) => l.volume * l.last, 5),
      };
      ctx.reply(view);
    },
  },
  snapshot: (s) => structuredClone(s),
  // Subscriptions are let go on restart: take them out again.
  restore: (snap, props, ctx) => {
    ctx.subscribe(topicPattern(`stats.${props.assetClass}.*`));
    return structuredClone(snap) as { assetClass: typeof props.assetClass; lines: Record<string, Line> };
  },
  snapshotEvery: 100,
});
