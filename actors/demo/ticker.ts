import { z } from 'zod';
import { behaviour } from '../../engine/index.ts';
import { priceTopic, tickerProtocol, type PriceMsg, type TickerView } from './messages.ts';
import { next, seedFrom } from './prng.ts';

export const tickerProps = z.object({
  // A topic segment, since the symbol names the topic its prices go to.
  symbol: z.string().regex(/^[A-Za-z0-9_:@=-]+$/),
  start: z.number().positive(),
  /** Largest relative move per tick (0.001 = at most 0.1 %). */
  volatility: z.number().nonnegative().max(1),
  intervalMs: z.number().positive(),
});
export type TickerProps = z.infer<typeof tickerProps>;

interface TickerState extends TickerView {
  /** The PRNG state: seeded from the symbol, so every run of a symbol walks the same path. */
  rng: number;
  volatility: number;
  intervalMs: number;
}

const fresh = (p: TickerProps): TickerState => ({
  symbol: p.symbol,
  price: p.start,
  ticks: 0,
  rng: seedFrom(p.symbol),
  volatility: p.volatility,
  intervalMs: p.intervalMs,
});

/** What survives a restart: the walk so far, including where the PRNG stands. */
type TickerSnapshot = Pick<TickerState, 'price' | 'ticks' | 'rng'>;

/**
 * A demo price source: every `intervalMs` it moves its price by a seeded random walk and
 * publishes it. Stands in for a market feed until real ones exist.
 */
export const ticker = behaviour({
  kind: 'ticker',
  props: tickerProps,
  protocol: tickerProtocol,
  init: fresh,
  // Timers die with a restart, so arming here (after init and after restore) re-arms them.
  onStart: (s, ctx) => void ctx.every(s.intervalMs, { type: 'tick' }),
  handlers: {
    tick: (s, _m, ctx) => {
      const draw = next(s.rng);
      s.rng = draw.state;
      // A multiplicative step keeps the price positive however long the walk runs.
      s.price *= Math.exp(s.volatility * (2 * draw.value - 1));
      s.ticks++;
      const msg: PriceMsg = { type: 'price', symbol: s.symbol, price: s.price, at: ctx.now() };
      ctx.publish(priceTopic(s.symbol), msg);
    },
    get: (s, _m, ctx) => ctx.reply({ symbol: s.symbol, price: s.price, ticks: s.ticks } satisfies TickerView),
  },
  snapshot: (s): TickerSnapshot => ({ price: s.price, ticks: s.ticks, rng: s.rng }),
  restore: (snap, p) => ({ ...fresh(p), ...(snap as TickerSnapshot) }),
});
