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
  /** Print steps per turn at most (at full speed, or catching up) before yielding to the other actors. */
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
  /**
   * The clock tells market time (a simulation on a SimClock started at the range's beginning):
   * each print is due at its own time, not at its distance from the first one. Needs speed 1.
   */
  marketTime: z.boolean().default(false),
  /** Replay only the first N bars of each file (benchmarks, quick demos). */
  bars: z.number().int().positive().optional(),
  /**
   * A SQLite store the replayed candles are persisted to: start after each symbol's newest stored
   * 1m candle, so a restarted engine carries on instead of replaying what it already has.
   */
  resumeFrom: z.string().min(1).optional(),
}).refine((p) => !p.marketTime || p.speed === 1, { message: 'marketTime needs speed 1: the clock is the market', path: ['speed'] });
export type ReplayProps = z.output<typeof replayProps>;

interface ReplayState {
  props: ReplayProps;
  cursor: ReplayCursor;
  symbols: ActorRef[];
  printed: number;
  time: number | null;
  /** A market time and the clock time it was due at: where every later step's due time is counted from. */
  anchor: { market: number; clock: number } | null;
}

const out: ReplayPrint[] = [];

/**
 * Emits every step that is due by now (at most `chunk` a turn), then schedules the next on the
 * injected clock. Due times are counted from one anchor rather than from step to step, so a
 * timer that fires late (timers have a resolution of a millisecond or so, and a step at
 * 100,000× is due every 0.15 ms) is caught up in one turn instead of slowing the whole replay
 * down to one step per timer. On a SimClock timers are exact, and each turn emits the steps due
 * at its instant. At full speed (0) everything is due.
 */
function pump(s: ReplayState, ctx: ActorContext): void {
  const { props } = s;
  const now = ctx.now();
  const due = (market: number) => (s.anchor ? s.anchor.clock + (market - s.anchor.market) / props.speed : now);
  for (let n = 0; n < props.chunk; n++) {
    const next = s.cursor.peekTime();
    if (next === null) return; // a finished, non-looping replay
    s.anchor ??= props.speed === 0 ? null : { market: next, clock: now };
    if (props.speed !== 0 && due(next) > now) break;
    out.length = 0;
    const time = s.cursor.step(out)!;
    s.time = time;
    for (const p of out) ctx.tell(s.symbols[p.symbol]!, { type: 'print', time: p.time, price: p.price, qty: p.qty });
    s.printed += out.length;
  }
  const next = s.cursor.peekTime();
  if (next === null) return;
  if (props.speed === 0) ctx.tell(ctx.self, { type: 'pump' });
  else ctx.after(Math.max(0, due(next) - now), { type: 'pump' });
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
    // Otherwise set by the first pump: a restarted replay keeps its pace from where it is.
    anchor: props.marketTime ? { market: 0, clock: 0 } : null,
  };
}
