import { z } from 'zod';
import { behaviour, protocol, type ActorContext, type ActorRef } from '../../engine/index.ts';
import { address } from '../../engine/names.ts';
import { hash53 } from '../../engine/hash.ts';
import { seededRandom } from '../../engine/random.ts';
import { backfillKlines, BinanceConnection, combinedStreamUrl, DEFAULT_REST_BASE, DEFAULT_WS_BASE, streamName, type BinanceEvent } from '../../feeds/binance/index.ts';
import { barPrints } from '../../feeds/bars.ts';
import { feedTopic } from '../../market/topics.ts';

export const binanceProps = z.object({
  symbols: z.array(z.string().regex(/^[A-Z0-9]+$/, 'Binance symbols are upper-case, e.g. BTCUSDT')).min(1),
  wsBase: z.string().default(DEFAULT_WS_BASE),
  restBase: z.string().default(DEFAULT_REST_BASE),
});
type BinanceProps = z.output<typeof binanceProps>;

interface FeedState {
  conn: BinanceConnection;
  backfills: number;
}

/**
 * The live Binance feed, addressed `binance/<name>`: one combined trade stream for its symbols,
 * every trade told to `symbol/<SYMBOL>` as a print. After a reconnect it backfills the missed
 * minutes from REST, and holds live trades until the backfill is told, so nothing arrives out
 * of order. The connection is an I/O resource: it reconnects on the injected clock, and is
 * closed on stop and before a restart.
 */
export const binance = behaviour({
  kind: 'binance',
  props: binanceProps,
  protocol: protocol({ view: {} }),
  onFailure: 'restart',
  init: (props, ctx): FeedState => connect(props, ctx),
  onStart: (s) => s.conn.start(),
  onStop: (s) => s.conn.close(),
  preRestart: (s) => s.conn.close(),
  handlers: {
    view: (s, _m, ctx) => ctx.reply({ ...s.conn.stats(), backfills: s.backfills }),
  },
});

function connect(props: BinanceProps, ctx: ActorContext): FeedState {
  const refs = new Map<string, ActorRef>(props.symbols.map((sym) => [sym, ctx.ref(address('symbol', sym))]));
  const print = (symbol: string, time: number, price: number, qty: number) => {
    const ref = refs.get(symbol);
    if (ref) ctx.tell(ref, { type: 'print', time, price, qty });
  };
  let held: BinanceEvent[] | null = null; // live trades waiting for a backfill
  const state: FeedState = { backfills: 0, conn: null as unknown as BinanceConnection };
  state.conn = new BinanceConnection({
    url: combinedStreamUrl(props.symbols.map((sym) => streamName(sym, 'trade')), props.wsBase),
    clock: ctx.clock,
    random: seededRandom(hash53(ctx.self)),
    // Every change is said out loud: with no network the feed keeps retrying and says so.
    onState: (st) => {
      const { reconnects, lastLoss } = state.conn.stats();
      ctx.publish(feedTopic('binance'), { type: 'feed', name: 'binance', state: st, reconnects, lastLoss: lastLoss ?? null });
    },
    onEvent: (e) => {
      if (e.kind !== 'trade') return;
      if (held) held.push(e);
      else print(e.symbol, e.time, e.price, e.qty);
    },
    onReconnect: ({ since, now }) => {
      held = [];
      const minute = 60_000;
      const requests = props.symbols.map((symbol) =>
        backfillKlines({ symbol, interval: '1m', startTime: since - (since % minute), endTime: now - (now % minute) - minute, restBase: props.restBase }),
      );
      void Promise.all(requests).then((results) => {
        results.forEach((r, i) => {
          for (const bar of r.bars) for (const p of barPrints(bar, minute)) print(props.symbols[i]!, p.time, p.price, p.qty);
        });
        state.backfills++;
        const waiting = held ?? [];
        held = null;
        for (const e of waiting) if (e.kind === 'trade') print(e.symbol, e.time, e.price, e.qty);
      });
    },
  });
  return state;
}
