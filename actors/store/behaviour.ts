import type { Database } from 'bun:sqlite';
import { z } from 'zod';
import { behaviour, protocol, type ActorContext, type TimerId } from '../../engine/index.ts';
import type { Candle } from '../../market/candles/candle.ts';
import { timeframeSchema, type Timeframe } from '../../market/timeframes.ts';
import { CandleStore, open } from '../../storage/sqlite/index.ts';

export const storeProps = z.object({
  /** The SQLite file (created with its folder when missing). */
  path: z.string().min(1),
  /** Write once this many candles are waiting... */
  flushEvery: z.number().int().positive().default(1_000),
  /** ...or this long after the first one arrived, whichever comes first. */
  flushAfterMs: z.number().positive().default(500),
});
type StoreProps = z.output<typeof storeProps>;

const n = z.number();

interface StoreState {
  props: StoreProps;
  db: Database;
  store: CandleStore;
  pending: Map<string, { symbol: string; tf: Timeframe; candles: Candle[] }>;
  waiting: number;
  timer: TimerId | null;
  written: number;
}

/** Everything waiting, in one transaction: a flush is one fsync however many series it touches. */
function flush(s: StoreState, ctx: ActorContext): void {
  if (s.timer !== null) ctx.cancelTimer(s.timer);
  s.timer = null;
  if (s.waiting === 0) return;
  s.db.transaction(() => {
    for (const series of s.pending.values()) s.written += s.store.writeCandles(series.symbol, series.tf, series.candles);
  }).immediate();
  s.pending.clear();
  s.waiting = 0;
}

/**
 * Persists closed candles to SQLite in batches, never per candle: the symbol actors tell it
 * each candle they close. One per database file (pin the kind to a worker): SQLite wants a
 * single writer, and readers (the edge) open their own connections beside it (WAL).
 */
export const candleStore = behaviour({
  kind: 'candle-store',
  props: storeProps,
  protocol: protocol({
    candle: { symbol: z.string(), tf: timeframeSchema, openTime: n, open: n, high: n, low: n, close: n, volume: n, prints: n },
    flush: {},
    stats: {},
  }),
  // History must not be lost: past capacity, producers are slowed, nothing is dropped.
  mailbox: { capacity: 100_000, overflow: 'backpressure' },
  init: (props): StoreState => {
    const db = open(props.path);
    return { props, db, store: new CandleStore(db), pending: new Map(), waiting: 0, timer: null, written: 0 };
  },
  handlers: {
    candle: (s, m, ctx) => {
      const key = `${m.symbol}|${m.tf}`;
      let series = s.pending.get(key);
      if (!series) s.pending.set(key, (series = { symbol: m.symbol, tf: m.tf, candles: [] }));
      series.candles.push({ tf: m.tf, openTime: m.openTime, open: m.open, high: m.high, low: m.low, close: m.close, volume: m.volume, prints: m.prints });
      if (++s.waiting >= s.props.flushEvery) flush(s, ctx);
      else if (s.timer === null) s.timer = ctx.after(s.props.flushAfterMs, { type: 'flush' });
    },
    flush: (s, _m, ctx) => flush(s, ctx),
    stats: (s, _m, ctx) => ctx.reply({ written: s.written, waiting: s.waiting }),
  },
  onStop: (s, ctx) => {
    flush(s, ctx);
    s.db.close();
  },
  preRestart: (s) => s.db.close(), // init opens it again
});
