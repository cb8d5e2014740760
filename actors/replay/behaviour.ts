import { z } from 'zod';
import { bundledBars } from '../../data/read.ts';
import { address, behaviour, protocol, type ActorContext, type ActorRef } from '../../engine/index.ts';
import { ReplayCursor, type CursorState, type ReplayPrint } from '../../feeds/replay/cursor.ts';
import { TIMEFRAMES, timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import { readCandlesOnce } from '../../storage/sqlite/index.ts';

export const replayProps = z.object({
  /** Each symbol with where its 1m bars come from: a bundled file, or a SQLite store (`tickflow import`). */
  feeds: z
    .array(
      z.union([z.object({ symbol: z.string(), file: z.string() }), z.object({ symbol: z.string(), db: z.string() })], {
        error: 'each feed needs a symbol and either a bundled file or a db path',
      }),
    )
    .min(1),
  /** Replay speed as a multiple of real time (60: a 1m bar lasts a second); 0 = as fast as it goes. */
  speed: z.number().nonnegative().default(60),
  loop: z.boolean().default(true),
  /** At full speed, print steps per turn before yielding to the other actors. */
  chunk: z.number().int().positive().default(500),
  /** How long each bar lasts: 60,000 for 1m klines, 86,400,000 for daily stocks and macro series. */
  barMs: z
    .number()
    .refine((ms) => TIMEFRAMES.some((t) => timeframeMs(t) === ms), `barMs must be the length of one of the timeframes ${TIMEFRAMES.join(', ')} in ms`)
    .default(60_000),
  /** Start at this time (epoch ms): bars before it are left out, so series of different lengths start together. */
  from: z.number().optional(),
  /** Stop before this time (epoch ms): bars opening at or after it are left out (a simulation's range). */
  to: z.number().optional(),
  /** Replay only the first N bars of each file (benchmarks, quick demos). */
  bars: z.number().int().positive().optional(),
  /**
   * A SQLite store the replayed candles are persisted to: start after each symbol's newest stored
   * 1m candle, so a restarted engine carries on instead of replaying what it already has.
   */
  resumeFrom: z.string().min(1).optional(),
});
export type ReplayProps = z.output<typeof replayProps>;

interface ReplayState {
  props: ReplayProps;
  cursor: ReplayCursor;
  symbols: ActorRef[];
  printed: number;
  time: number | null;
}

const out: ReplayPrint[] = [];

/** Emits the next step(s) and schedules the following one on the injected clock. */
function pump(s: ReplayState, ctx: ActorContext): void {
  const { props } = s;
  for (let n = 0; n < (props.speed === 0 ? props.chunk : 1); n++) {
    out.length = 0;
    const time = s.cursor.step(out);
    if (time === null) return; // a finished, non-looping replay
    s.time = time;
    for (const p of out) ctx.tell(s.symbols[p.symbol]!, { type: 'print', time: p.time, price: p.price, qty: p.qty });
    s.printed += out.length;
  }
  const next = s.cursor.peekTime();
  if (next === null) return;
  if (props.speed === 0) ctx.tell(ctx.self, { type: 'pump' });
  else ctx.after((next - s.time!) / props.speed, { type: 'pump' });
}

/**
 * A feed replaying recorded bars (bundled files or a SQLite store) as prints to the symbol actors, in timestamp order across
 * symbols, at any speed, looping for the demo. The same actor drives live demos (LiveClock)
 * and deterministic backtests (SimClock): only the clock differs.
 */
export const replay = behaviour({
  kind: 'replay',
  props: replayProps,
  protocol: protocol({ pump: {}, view: {} }),
  throughput: 1, // one chunk per visit: the symbol actors run between chunks, and keep up
  init: (props, ctx) => start(props, ctx),
  onStart: (_s, ctx) => ctx.tell(ctx.self, { type: 'pump' }),
  handlers: {
    pump: (s, _m, ctx) => pump(s, ctx),
    view: (s, _m, ctx) => ctx.reply({ printed: s.printed, time: s.time, loops: s.cursor.loops, done: s.cursor.done }),
  },
  // Where the replay is, not the bars: those are reloaded from their files.
  snapshot: (s) => ({ cursor: s.cursor.getState(), printed: s.printed, time: s.time }),
  restore: (snap, props, ctx) => {
    const { cursor, printed, time } = snap as { cursor: CursorState; printed: number; time: number | null };
    return { ...start(props, ctx, cursor), printed, time };
  },
  snapshotEvery: 100,
});

/** The timeframe bars of `barMs` are stored under (what a store or a resume reads). */
function barTimeframe(barMs: number): Timeframe {
  return TIMEFRAMES.find((t) => timeframeMs(t) === barMs)!; // the props say it is one
}

function start(props: ReplayProps, ctx: ActorContext, at?: CursorState): ReplayState {
  const { from = -Infinity, to = Infinity } = props;
  const tf = barTimeframe(props.barMs);
  const bars = props.feeds.map((f) => ('file' in f ? bundledBars(f.file) : readCandlesOnce(f.db, (store) => store.candles(f.symbol, tf, { from: 0 }), [])).filter((b) => b.openTime >= from && b.openTime < to).slice(0, props.bars));
  const symbols = props.feeds.map((f) => f.symbol);
  const cursor = new ReplayCursor(symbols, bars, props.loop, at, props.barMs);
  if (!at && props.resumeFrom) {
    // Each symbol's newest stored open time, or null: where a resumed replay picks up.
    const marks = readCandlesOnce(props.resumeFrom, (store) => symbols.map((symbol) => store.latest(symbol, tf)?.openTime ?? null), symbols.map(() => null));
    cursor.resumeAfter(marks);
  }
  return {
    props,
    cursor,
    symbols: props.feeds.map((f) => ctx.ref(address('symbol', f.symbol))),
    printed: 0,
    time: null,
  };
}
