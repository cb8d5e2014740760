import { z } from 'zod';
import { address, behaviour, protocol, topicPattern, type ActorContext, type ActorRef } from '../../engine/index.ts';
import { tradeUpdateShape } from '../../actors/account/messages.ts';
import { tradeTopic } from '../../market/topics.ts';
import { pauseTopic } from '../feed/behaviour.ts';

export const revealProps = z.object({
  /** The account whose new orders are shown the print they were decided on. */
  accountId: z.string().regex(/^[A-Za-z0-9_-]+$/),
  /** The feed whose pauses say what was played last (`sim-feed/<feed>`). */
  feed: z.string().default('main'),
});
export type RevealProps = z.output<typeof revealProps>;

interface Print {
  time: number;
  price: number;
  qty: number;
}

interface RevealState {
  props: RevealProps;
  account: ActorRef;
  /** The last print played per symbol, as of the feed's last pause. */
  last: Record<string, Print>;
  /** How many orders were shown their print: the report's check that the rule applied. */
  shown: number;
}

const print = z.object({ symbol: z.string(), time: z.number(), price: z.number(), qty: z.number() });

/**
 * "Decided on bar t's close, filled at bar t+1's open", in a simulation whose account follows
 * the market's prints. A candle closes on the first print after its end (the next bar's open
 * print), and the account may hear that print before an order decided on the close reaches it:
 * a market order would then fill at the print after it. The feed pauses right after that print
 * (sim/feed), so when an order goes to work at or before the time of the last print played of
 * its symbol, this actor shows the account that print again, and the order fills there: at the
 * price that revealed the close, never at a later one, and never at an earlier one (an order
 * takes part only in prices stamped at or after it). The account logs it as any tick, so a
 * recovered account folds the same fills.
 *
 * What the account would do itself with one rule in the paper module: an order accepted at or
 * before the time of its symbol's last price is matched against that price at once (sim/README.md).
 */
export const reveal = behaviour({
  kind: 'sim-reveal',
  props: revealProps,
  protocol: protocol({
    pause: { prints: z.array(print) },
    trade_update: tradeUpdateShape,
    view: {},
  }),
  init: (props, ctx) => start(props, ctx, {}, 0),
  handlers: {
    pause: (s, m) => {
      // A new object, not a changed one: the last snapshot keeps the prints as they were.
      const last = { ...s.last };
      for (const p of m.prints) last[p.symbol] = { time: p.time, price: p.price, qty: p.qty };
      s.last = last;
    },
    trade_update: (s, m, ctx) => {
      if (m.event !== 'new' || m.order.status !== 'new') return;
      const p = s.last[m.order.symbol];
      if (!p || p.time < m.at) return; // no price since the order: the next one fills it
      ctx.tell(s.account, { type: 'tick', symbol: m.order.symbol, time: p.time, price: p.price, qty: p.qty });
      s.shown++;
    },
    view: (s, _m, ctx) => ctx.reply({ shown: s.shown, last: s.last }),
  },
  // Every message: a restarted actor knows the last prints exactly.
  snapshot: (s) => ({ last: s.last, shown: s.shown }),
  restore: (snap, props, ctx) => {
    const saved = snap as { last: Record<string, Print>; shown: number };
    return start(props, ctx, saved.last, saved.shown);
  },
});

function start(props: RevealProps, ctx: ActorContext, last: Record<string, Print>, shown: number): RevealState {
  ctx.subscribe(topicPattern(pauseTopic(props.feed)));
  ctx.subscribe(topicPattern(tradeTopic(props.accountId)));
  return { props, account: ctx.ref(address('account', props.accountId)), last, shown };
}
