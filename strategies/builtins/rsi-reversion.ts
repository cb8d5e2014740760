import { z } from 'zod';
import { Rsi, type RsiState } from '../../market/indicators/index.ts';
import { steer, type Bias } from '../steer.ts';
import type { StrategyDefinition } from '../strategy.ts';
import { perSymbol, save } from './per-symbol.ts';

const level = (d: number) => z.number({ error: 'must be a number' }).gt(0, { error: 'must be between 0 and 100' }).lt(100, { error: 'must be between 0 and 100' }).default(d);
const params = z
  .object({ period: z.number().int().min(2).default(14), oversold: level(30), overbought: level(70), exit: level(50) })
  .strict()
  .refine((p) => p.oversold < p.exit && p.exit < p.overbought, { path: ['exit'], error: 'must lie between oversold and overbought' });
export type RsiReversionParams = z.output<typeof params>;

/**
 * RSI mean reversion (Wilder's RSI, TA-Lib's values) on the decision timeframe: flat and RSI
 * below `oversold`: go long; flat and above `overbought`: go short (long-short only). A long is
 * closed once RSI is back to `exit` or above, a short once it is back to `exit` or below.
 */
export const rsiReversion: StrategyDefinition<RsiReversionParams> = {
  name: 'rsi-reversion',
  params,
  create({ params: p, config, state }) {
    const rsis = perSymbol<Rsi, RsiState>(config.symbols, state, () => new Rsi(p.period), (s) => Rsi.restore(s));
    return {
      onCandle(e, ctx) {
        const rsi = rsis.get(e.symbol);
        if (!rsi || e.tf !== config.timeframe) return;
        const value = rsi.update(e.candle);
        if (value === null) return;
        const held = ctx.exposure(e.symbol);
        const r = value.toFixed(2);
        let bias: Bias | null = null;
        if (held === 0 && value < p.oversold) bias = 'long';
        else if (held === 0 && value > p.overbought && config.direction === 'long-short') bias = 'short';
        else if ((held > 0 && value >= p.exit) || (held < 0 && value <= p.exit)) bias = 'flat';
        if (bias === null) return;
        const why = bias === 'long' ? `rsi ${r} below ${p.oversold}` : bias === 'short' ? `rsi ${r} above ${p.overbought}` : `rsi ${r} back to ${p.exit}`;
        return steer(ctx, e.symbol, bias, why);
      },
      getState: () => save(rsis, (r) => r.getState()),
    };
  },
};
