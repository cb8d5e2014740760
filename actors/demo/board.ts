import { behaviour, type ActorContext } from '../../engine/index.ts';
import { ALL_PRICES, boardProtocol, type BoardView } from './messages.ts';

// Subscriptions are let go on every restart, so both ways of beginning take them out again.
const watch = (ctx: ActorContext) => ctx.subscribe(ALL_PRICES);

/**
 * Collects every demo price: the last one, how many ticks and the range per symbol. It is the
 * kind of actor-published state the edge reads instead of a database.
 */
export const board = behaviour({
  kind: 'board',
  protocol: boardProtocol,
  init: (_p, ctx): BoardView => {
    watch(ctx);
    return { symbols: {}, ticks: 0 };
  },
  handlers: {
    price: (s, m) => {
      const line = s.symbols[m.symbol];
      if (line) {
        line.last = m.price;
        line.at = m.at;
        line.ticks++;
        line.min = Math.min(line.min, m.price);
        line.max = Math.max(line.max, m.price);
      } else {
        s.symbols[m.symbol] = { last: m.price, at: m.at, ticks: 1, min: m.price, max: m.price };
      }
      s.ticks++;
    },
    get: (s, _m, ctx) => ctx.reply(s),
  },
  snapshot: (s) => structuredClone(s),
  restore: (snap, _p, ctx) => {
    watch(ctx);
    return structuredClone(snap) as BoardView;
  },
});
