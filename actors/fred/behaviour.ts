import { z } from 'zod';
import { address, behaviour, protocol, type ActorContext, type ActorRef } from '../../engine/index.ts';
import { hash53 } from '../../engine/hash.ts';
import { seededRandom } from '../../engine/random.ts';
import { barPrints, barSchema } from '../../feeds/bars.ts';
import { FredPoller, utcDate, type FredPollerStats } from '../../feeds/fred/index.ts';
import { FeedHealth, type FeedSummary } from '../../feeds/http/feed-state.ts';
import { timeframeMs } from '../../market/timeframes.ts';
import { feedTopic } from '../../market/topics.ts';
import { symbolProps } from '../symbol/messages.ts';

const DAY = timeframeMs('1d');

export const fredProps = z.object({
  /** FRED series ids that are symbol actor ids too (DGS10, UNRATE): each one's values go to `symbol/<SERIES>`. */
  series: z.array(symbolProps.shape.symbol).min(1),
  /** Absent or blank: the feed says 'missing-api-key' and never calls FRED. */
  apiKey: z.string().optional(),
  baseUrl: z.string().regex(/^https?:\/\//, 'baseUrl must be an http(s):// URL').optional(),
  /** The UTC hour of the daily look; the poller's default is 14, after the 8:30 New York releases. */
  hourUtc: z.number().int().min(0).max(23).optional(),
});
type FredProps = z.output<typeof fredProps>;

/** What survives a restart: per series, the date (UTC midnight ms) of the newest observation told, and the counts. */
interface Told {
  last: Record<string, number>;
  observations: number;
  prints: number;
}

interface FredState extends Told {
  pollers: Map<string, FredPoller>;
  refs: Map<string, ActorRef>;
  health: FeedHealth;
}

/** What `view` answers: the feed line, what was told (dates as YYYY-MM-DD), and every poller's own stats. */
export interface FredView extends FeedSummary {
  last: Record<string, string>;
  observations: number;
  prints: number;
  series: Record<string, FredPollerStats>;
}

/**
 * FRED as a feed, addressed `fred/<name>`: one poller per series, looking once a day. Each new
 * observation is told to `symbol/<SERIES>` as four equal prints with no volume, stamped like a
 * daily bar (feeds/bars.ts) at the date FRED gives it (the start of the period it describes).
 * Four, not one: that is how the daily replay prints the same series, so a symbol fed live and
 * one fed from history build the same candles; and a symbol left at the default print band
 * takes a real jump (UNRATE 4.4 → 14.7 in April 2020) at the third agreeing print, the same
 * day, where one print per observation would wait two more months. Without an API key it says
 * 'missing-api-key' and never calls FRED. Like the Yahoo feed, what it has told is in its
 * snapshot: a restart asks from there.
 */
export const fred = behaviour({
  kind: 'fred',
  props: fredProps,
  protocol: protocol({ observations: { series: z.string(), bars: z.array(barSchema) }, view: {} }),
  onFailure: 'restart',
  init: (props, ctx) => connect(props, ctx, { last: {}, observations: 0, prints: 0 }),
  onStart: (s, ctx) => {
    for (const [series, p] of s.pollers) {
      p.start();
      s.health.note(series, p.stats().state); // without a key nothing starts, so nothing else would say so
    }
    say(s, ctx);
  },
  onStop: (s) => stopAll(s),
  preRestart: (s) => stopAll(s),
  handlers: {
    observations: (s, m, ctx) => {
      const ref = s.refs.get(m.series);
      if (!ref) return; // not one of ours: there is no symbol to tell
      for (const bar of m.bars) {
        if (bar.openTime <= (s.last[m.series] ?? -Infinity)) continue;
        for (const p of barPrints(bar, DAY)) ctx.tell(ref, { type: 'print', time: p.time, price: p.price, qty: p.qty });
        s.last[m.series] = bar.openTime;
        s.observations++;
        s.prints += 4;
      }
    },
    view: (s, _m, ctx) => {
      const view: FredView = {
        ...s.health.summary(),
        last: Object.fromEntries(Object.entries(s.last).map(([series, t]) => [series, utcDate(t)])),
        observations: s.observations,
        prints: s.prints,
        series: Object.fromEntries([...s.pollers].map(([series, p]) => [series, p.stats()])),
      };
      ctx.reply(view);
    },
  },
  snapshot: (s): Told => ({ last: { ...s.last }, observations: s.observations, prints: s.prints }),
  restore: (snap, props, ctx) => connect(props, ctx, structuredClone(snap as Told)),
});

function connect(props: FredProps, ctx: ActorContext, told: Told): FredState {
  const lastErrorOf = (series: string) => {
    const stats = s.pollers.get(series)?.stats();
    return stats?.state === 'missing-api-key' ? 'no FRED API key configured' : (stats?.lastError ?? null);
  };
  const s: FredState = { ...told, pollers: new Map(), refs: new Map(), health: new FeedHealth(lastErrorOf) };
  for (const series of props.series) {
    s.refs.set(series, ctx.ref(address('symbol', series)));
    const poller = new FredPoller({
      seriesId: series,
      apiKey: props.apiKey,
      clock: ctx.clock,
      fetch,
      random: seededRandom(hash53(`${ctx.self}/${series}`)),
      baseUrl: props.baseUrl,
      hourUtc: props.hourUtc,
      since: s.last[series],
      onBars: (bars) => ctx.tell(ctx.self, { type: 'observations', series, bars }),
      onState: (state) => {
        s.health.note(series, state);
        say(s, ctx);
      },
    });
    s.pollers.set(series, poller);
  }
  return s;
}

/** Every change of the feed's line is said out loud: a missing key or an outage is visible on `feed.fred`. */
function say(s: FredState, ctx: ActorContext): void {
  const changed = s.health.changed();
  if (changed) ctx.publish(feedTopic('fred'), { type: 'feed', name: 'fred', ...changed });
}

function stopAll(s: FredState): void {
  for (const p of s.pollers.values()) p.stop();
}
