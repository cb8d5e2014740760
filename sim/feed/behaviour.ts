import { z } from 'zod';
import { address, behaviour, protocol, topic, type ActorContext, type ActorRef, type Topic } from '../../engine/index.ts';
import { ReplayCursor, type CursorState, type ReplayPrint } from '../../feeds/replay/cursor.ts';
import { bucketStart, timeframeMs, timeframeSchema } from '../../market/timeframes.ts';
import { readCandlesOnce } from '../../storage/sqlite/index.ts';

export const simFeedProps = z.object({
  /** Each symbol and the SQLite file its bars are in (the harness writes them there, already in range). */
  feeds: z.array(z.object({ symbol: z.string(), db: z.string().min(1) })).min(1),
  /** The bars' timeframe: each is played as its four prints (feeds/replay). */
  tf: timeframeSchema,
  /** The finest timeframe strategies decide on: the feed pauses after each print that closes one of its candles. */
  pauseTf: timeframeSchema,
  /** Also pause just before the first print at or after this time, with every bar before it whole: a rest point for a crash (sim/run/crash.ts). */
  restBefore: z.number().optional(),
});
export type SimFeedProps = z.output<typeof simFeedProps>;

/** The last print of each symbol when the feed paused: `sim-pause.<feed id>`. */
export type PauseMsg = { type: 'pause'; prints: { symbol: string; time: number; price: number; qty: number }[] };
export const pauseTopic = (feedId: string): Topic => topic('sim-pause', feedId);

interface FeedState {
  props: SimFeedProps;
  cursor: ReplayCursor;
  symbols: ActorRef[];
  printed: number;
  /** Time of the last step emitted; null before the first. */
  time: number | null;
  /** When the next pump is due; null once everything is played. */
  nextAt: number | null;
  /** Pauses so far: how far the run is, in decision points. */
  pauses: number;
  rested: boolean;
}

const out: ReplayPrint[] = [];

/**
 * Plays the bars as prints in timestamp order across symbols (the replay cursor of
 * feeds/replay), pausing so that "decided at a close, filled at the next open" holds exactly.
 * A candle of the decision timeframe closes on the first print after its end, which is also the
 * next bar's open. So each pump plays every print up to and including that one and stops: the
 * simulation runs to rest before the next print, so an order decided on the close reaches the
 * account while the print that revealed the close is the last price played (sim/reveal shows
 * it that print). Each pump is a timer at its first print's time, so the simulated clock is the
 * market's; at each pause the last print of every symbol goes out on `sim-pause.<id>`.
 */
export const simFeed = behaviour({
  kind: 'sim-feed',
  props: simFeedProps,
  protocol: protocol({ pump: { at: z.number() }, view: {} }),
  init: (props, ctx) => start(props, ctx),
  onStart: (s, ctx) => arm(s, ctx),
  handlers: {
    pump: (s, m, ctx) => {
      // A pump armed before a restart, or twice: only the one for the time now due runs.
      if (m.at !== s.nextAt) return;
      pump(s, ctx);
      arm(s, ctx);
    },
    view: (s, _m, ctx) => ctx.reply({ printed: s.printed, time: s.time, nextAt: s.nextAt, pauses: s.pauses, done: s.nextAt === null }),
  },
  // Where the feed is, not the bars (reloaded from their file). Every message: a restarted feed resumes exactly.
  snapshot: (s) => ({ cursor: s.cursor.getState(), printed: s.printed, time: s.time, nextAt: s.nextAt, pauses: s.pauses, rested: s.rested }),
  restore: (snap, props, ctx) => {
    const saved = snap as Pick<FeedState, 'printed' | 'time' | 'nextAt' | 'pauses' | 'rested'> & { cursor: CursorState };
    return { ...start(props, ctx, saved.cursor), printed: saved.printed, time: saved.time, nextAt: saved.nextAt, pauses: saved.pauses, rested: saved.rested };
  },
});

function start(props: SimFeedProps, ctx: ActorContext, at?: CursorState): FeedState {
  const bars = props.feeds.map((f) => readCandlesOnce(f.db, (store) => store.candles(f.symbol, props.tf, { from: 0 }), []));
  const cursor = new ReplayCursor(
    props.feeds.map((f) => f.symbol),
    bars,
    false,
    at,
    timeframeMs(props.tf),
  );
  return { props, cursor, symbols: props.feeds.map((f) => ctx.ref(address('symbol', f.symbol))), printed: 0, time: null, nextAt: cursor.peekTime(), pauses: 0, rested: props.restBefore === undefined };
}

/** The next pump, on the injected clock at its first print's time. */
function arm(s: FeedState, ctx: ActorContext): void {
  if (s.nextAt !== null) ctx.after(Math.max(0, s.nextAt - ctx.now()), { type: 'pump', at: s.nextAt });
}

function pump(s: FeedState, ctx: ActorContext): void {
  const { pauseTf, restBefore } = s.props;
  const last = new Map<number, ReplayPrint>();
  for (let next = s.cursor.peekTime(); next !== null; next = s.cursor.peekTime()) {
    if (!s.rested && s.time !== null && next >= restBefore!) {
      s.rested = true; // the rest point: stop short of it, once
      break;
    }
    const revealing = s.time !== null && bucketStart(next, pauseTf) > bucketStart(s.time, pauseTf);
    emit(s, ctx, last);
    if (revealing) break;
  }
  s.pauses++;
  s.nextAt = s.cursor.peekTime();
  const t = pauseTopic(idOf(ctx));
  if (ctx.hasSubscribers(t)) {
    const prints = [...last.values()].map((p) => ({ symbol: s.props.feeds[p.symbol]!.symbol, time: p.time, price: p.price, qty: p.qty }));
    ctx.publish(t, { type: 'pause', prints } satisfies PauseMsg);
  }
}

function emit(s: FeedState, ctx: ActorContext, last: Map<number, ReplayPrint>): void {
  out.length = 0;
  const time = s.cursor.step(out);
  if (time === null) return;
  s.time = time;
  for (const p of out) {
    ctx.tell(s.symbols[p.symbol]!, { type: 'print', time: p.time, price: p.price, qty: p.qty });
    last.set(p.symbol, p);
  }
  s.printed += out.length;
}

const idOf = (ctx: ActorContext) => ctx.self.slice(ctx.self.indexOf('/') + 1);
