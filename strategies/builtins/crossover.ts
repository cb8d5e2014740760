import { z } from 'zod';
import { Ema, Sma, type EmaState, type SmaState } from '../../market/indicators/index.ts';
import { steer } from '../steer.ts';
import type { StrategyDefinition } from '../strategy.ts';
import { cross, perSymbol, save } from './per-symbol.ts';

const params = z
  .object({
    fast: z.number().int().min(2, { error: 'must be at least 2' }).default(10),
    slow: z.number().int().min(3, { error: 'must be at least 3' }).default(30),
  })
  .strict()
  .refine((p) => p.fast < p.slow, { path: ['fast'], error: 'must be shorter than slow' });
export type CrossoverParams = z.output<typeof params>;

type Average = Sma | Ema;
interface Lines<A> {
  fast: A;
  slow: A;
  prevFast: number | null;
  prevSlow: number | null;
}

/**
 * Moving-average crossover on the decision timeframe's closes: when the fast average crosses
 * above the slow one (fast[t] > slow[t] and fast[t−1] ≤ slow[t−1]) go long; when it crosses
 * below, go short (long-short) or sell what is held (long-only). The averages are
 * market/indicators' (TA-Lib's values), one pair per symbol.
 */
function crossover<A extends Average, S>(name: string, label: string, make: (period: number) => A, restore: (s: S) => A): StrategyDefinition<CrossoverParams> {
  return {
    name,
    params,
    create({ params: p, config, state }) {
      const lines = perSymbol<Lines<A>, Lines<S>>(
        config.symbols,
        state,
        () => ({ fast: make(p.fast), slow: make(p.slow), prevFast: null, prevSlow: null }),
        (s) => ({ ...s, fast: restore(s.fast), slow: restore(s.slow) }),
      );
      return {
        onCandle(e, ctx) {
          const l = lines.get(e.symbol);
          if (!l || e.tf !== config.timeframe) return;
          const fast = l.fast.update(e.candle);
          const slow = l.slow.update(e.candle);
          const dir = cross(l.prevFast, l.prevSlow, fast, slow);
          l.prevFast = fast;
          l.prevSlow = slow;
          if (dir === 'up') return steer(ctx, e.symbol, 'long', `${label} ${p.fast} crossed above ${label} ${p.slow}`);
          if (dir === 'down') return steer(ctx, e.symbol, 'short', `${label} ${p.fast} crossed below ${label} ${p.slow}`);
        },
        getState: () => save(lines, (l) => ({ ...l, fast: l.fast.getState() as S, slow: l.slow.getState() as S })),
      };
    },
  };
}

export const smaCrossover = crossover<Sma, SmaState>('sma-crossover', 'sma', (n) => new Sma(n), (s) => Sma.restore(s));
export const emaCrossover = crossover<Ema, EmaState>('ema-crossover', 'ema', (n) => new Ema(n), (s) => Ema.restore(s));
