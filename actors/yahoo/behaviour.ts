import { z } from 'zod';
import { address, behaviour, protocol, type ActorContext, type ActorRef } from '../../engine/index.ts';
import { hash53 } from '../../engine/hash.ts';
import { seededRandom } from '../../engine/random.ts';
import { barPrints, barSchema } from '../../feeds/bars.ts';
import { FeedHealth, type FeedSummary } from '../../feeds/http/feed-state.ts';
import { YahooPoller, type YahooPollerStats } from '../../feeds/yahoo/index.ts';
import { timeframeMs } from '../../market/timeframes.ts';
import { feedTopic } from '../../market/topics.ts';
import { symbolProps } from '../symbol/messages.ts';

/**
 * A daily bar is due once its UTC day is over, and the first look of the next session (an hour
 * before the opening) fetches it: polling every minute through the session would only ask
 * Yahoo, once per symbol, for what it already said. The hourly look is there for a missed one.
 */
const DEFAULT_POLL_MS = { '1d': 3_600_000, '1m': 60_000 } as const;
/** Yahoo may refuse clients that do not look like a browser (feeds/yahoo/README.md). */
const USER_AGENT = 'Mozilla/5.0 (compatible; Tickflow/0.1)';

export const yahooProps = z.object({
  /** Yahoo tickers that are symbol actor ids too (AAPL, SPY, BRK-B): each one's bars go to `symbol/<SYMBOL>`. */
  symbols: z.array(symbolProps.shape.symbol).min(1),
  interval: z.enum(['1d', '1m']).default('1d'),
  baseUrl: z.string().regex(/^https?:\/\//, 'baseUrl must be an http(s):// URL').optional(),
  /** Between polls while the market is open; default an hour for daily bars, a minute for 1m. */
  pollMs: z.number().int().positive().optional(),
  /** Sleep outside US equity hours (the poller's default); false polls every pollMs. */
  followMarketHours: z.boolean().optional(),
});
type YahooProps = z.output<typeof yahooProps>;

/** What survives a restart: per symbol, the open time of the newest bar told, and the counts. */
interface Told {
  last: Record<string, number>;
  bars: number;
  prints: number;
}

interface YahooState extends Told {
  props: YahooProps;
  pollers: Map<string, YahooPoller>;
  refs: Map<string, ActorRef>;
  health: FeedHealth;
  splits: number;
}

/** What `view` answers: the feed line, what was told, and every poller's own stats. */
export interface YahooView extends FeedSummary, Told {
  splits: number;
  symbols: Record<string, YahooPollerStats>;
}

/**
 * Yahoo's chart API as a feed, addressed `yahoo/<name>`: one poller per symbol, each new
 * closed bar told to `symbol/<SYMBOL>` as four prints (feeds/bars.ts). Pollers are I/O
 * resources: started on start, stopped on stop and before a restart. Fetched bars come back
 * to the actor as a `bars` message, so what it has told is in its snapshot and a restarted
 * feed asks from there instead of telling the symbols the same bars again.
 */
export const yahoo = behaviour({
  kind: 'yahoo',
  props: yahooProps,
  protocol: protocol({ bars: { symbol: z.string(), bars: z.array(barSchema) }, view: {} }),
  onFailure: 'restart',
  init: (props, ctx) => connect(props, ctx, { last: {}, bars: 0, prints: 0 }),
  onStart: (s, ctx) => {
    for (const p of s.pollers.values()) p.start();
    say(s, ctx);
  },
  onStop: (s) => stopAll(s),
  preRestart: (s) => stopAll(s),
  handlers: {
    bars: (s, m, ctx) => {
      const ref = s.refs.get(m.symbol);
      if (!ref) return; // not one of ours: there is no symbol to tell
      for (const bar of m.bars) {
        if (bar.openTime <= (s.last[m.symbol] ?? -Infinity)) continue;
        for (const p of barPrints(bar, timeframeMs(s.props.interval))) ctx.tell(ref, { type: 'print', time: p.time, price: p.price, qty: p.qty });
        s.last[m.symbol] = bar.openTime;
        s.bars++;
        s.prints += 4;
      }
    },
    view: (s, _m, ctx) => {
      const symbols = Object.fromEntries([...s.pollers].map(([symbol, p]) => [symbol, p.stats()]));
      const view: YahooView = { ...s.health.summary(), last: { ...s.last }, bars: s.bars, prints: s.prints, splits: s.splits, symbols };
      ctx.reply(view);
    },
  },
  snapshot: (s): Told => ({ last: { ...s.last }, bars: s.bars, prints: s.prints }),
  restore: (snap, props, ctx) => connect(props, ctx, structuredClone(snap as Told)),
});

function connect(props: YahooProps, ctx: ActorContext, told: Told): YahooState {
  const s: YahooState = { ...told, props, pollers: new Map(), refs: new Map(), health: new FeedHealth((symbol) => s.pollers.get(symbol)?.stats().lastError ?? null), splits: 0 };
  for (const symbol of props.symbols) {
    s.refs.set(symbol, ctx.ref(address('symbol', symbol)));
    const poller = new YahooPoller({
      symbol,
      interval: props.interval,
      clock: ctx.clock,
      fetch,
      // One generator per symbol: its retries do not depend on how the others' requests interleave.
      random: seededRandom(hash53(`${ctx.self}/${symbol}`)),
      baseUrl: props.baseUrl,
      pollMs: props.pollMs ?? DEFAULT_POLL_MS[props.interval],
      followMarketHours: props.followMarketHours,
      headers: { 'user-agent': USER_AGENT },
      since: s.last[symbol],
      onBars: (bars) => ctx.tell(ctx.self, { type: 'bars', symbol, bars }),
      // Candles already built are not re-based; a split's first prints may meet the print guard's band.
      onSplits: (splits) => void (s.splits += splits.length),
      onState: (state) => {
        s.health.note(symbol, state);
        say(s, ctx);
      },
    });
    s.pollers.set(symbol, poller);
  }
  return s;
}

/** Every change of the feed's line is said out loud, as binance does: with no network it keeps retrying and says so. */
function say(s: YahooState, ctx: ActorContext): void {
  const changed = s.health.changed();
  if (changed) ctx.publish(feedTopic('yahoo'), { type: 'feed', name: 'yahoo', ...changed });
}

function stopAll(s: YahooState): void {
  for (const p of s.pollers.values()) p.stop();
}
