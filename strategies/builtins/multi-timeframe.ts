import { z } from 'zod';
import { Ema, type EmaState } from '../../market/indicators/index.ts';
import { timeframeMs, timeframeSchema } from '../../market/timeframes.ts';
import { steer, type Bias } from '../steer.ts';
import type { StrategyDefinition } from '../strategy.ts';
import { cross, perSymbol, save } from './per-symbol.ts';

const params = z
  .object({
    /** The coarser timeframe the trend is read on; it must be among the config's `timeframes`. */
    trendTimeframe: timeframeSchema.default('1h'),
    trendPeriod: z.number().int().min(2).default(50),
    fast: z.number().int().min(2).default(9),
    slow: z.number().int().min(3).default(21),
  })
  .strict()
  .refine((p) => p.fast < p.slow, { path: ['fast'], error: 'must be shorter than slow' });
export type MultiTimeframeParams = z.output<typeof params>;

interface Legs<A> {
  trend: A;
  /** The trend timeframe's last close against its EMA: 1 up, -1 down, 0 not known yet. */
  side: number;
  fast: A;
  slow: A;
  prevFast: number | null;
  prevSlow: number | null;
}

/**
 * Trend on a coarse timeframe, entries on the decision one: the trend is up while the trend
 * timeframe's close is above its EMA(trendPeriod), down while below. On the decision timeframe
 * an EMA(fast) crossing above EMA(slow) goes long in an up trend and covers a short otherwise;
 * crossing below goes short in a down trend (long-short) and otherwise sells what is held.
 */
export const multiTimeframe: StrategyDefinition<MultiTimeframeParams> = {
  name: 'multi-timeframe',
  params,
  create({ params: p, config, state }) {
    if (!config.timeframes.includes(p.trendTimeframe)) throw new Error(`params.trendTimeframe ${p.trendTimeframe} must be one of the config's timeframes (add it to timeframes)`);
    if (timeframeMs(p.trendTimeframe) <= timeframeMs(config.timeframe)) throw new Error(`params.trendTimeframe ${p.trendTimeframe} must be coarser than the decision timeframe ${config.timeframe}`);
    const legs = perSymbol<Legs<Ema>, Legs<EmaState>>(
      config.symbols,
      state,
      () => ({ trend: new Ema(p.trendPeriod), side: 0, fast: new Ema(p.fast), slow: new Ema(p.slow), prevFast: null, prevSlow: null }),
      (s) => ({ ...s, trend: Ema.restore(s.trend), fast: Ema.restore(s.fast), slow: Ema.restore(s.slow) }),
    );
    return {
      onCandle(e, ctx) {
        const l = legs.get(e.symbol);
        if (!l) return;
        if (e.tf === p.trendTimeframe) {
          const ema = l.trend.update(e.candle);
          l.side = ema === null ? 0 : Math.sign(e.candle.close - ema);
          return;
        }
        if (e.tf !== config.timeframe) return;
        const fast = l.fast.update(e.candle);
        const slow = l.slow.update(e.candle);
        const dir = cross(l.prevFast, l.prevSlow, fast, slow);
        l.prevFast = fast;
        l.prevSlow = slow;
        if (dir === null) return;
        const trend = l.side > 0 ? 'up' : l.side < 0 ? 'down' : 'unknown';
        const bias: Bias = dir === 'up' ? (l.side > 0 ? 'long' : 'flat') : l.side < 0 ? 'short' : 'flat';
        const held = ctx.exposure(e.symbol);
        if (bias === 'flat' && (dir === 'up' ? held >= 0 : held <= 0)) return; // a flat bias only closes the side the cross goes against
        return steer(ctx, e.symbol, bias, `ema ${p.fast} crossed ${dir === 'up' ? 'above' : 'below'} ema ${p.slow}, ${p.trendTimeframe} trend ${trend}`);
      },
      getState: () => save(legs, (l) => ({ ...l, trend: l.trend.getState(), fast: l.fast.getState(), slow: l.slow.getState() })),
    };
  },
};
