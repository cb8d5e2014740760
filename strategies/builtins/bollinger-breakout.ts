import { z } from 'zod';
import { BollingerBands, type BollingerState } from '../../market/indicators/index.ts';
import { steer } from '../steer.ts';
import type { StrategyDefinition } from '../strategy.ts';
import { perSymbol, save } from './per-symbol.ts';

const params = z.object({ period: z.number().int().min(2).default(20), stdDevs: z.number().positive().max(10).default(2) }).strict();
export type BollingerBreakoutParams = z.output<typeof params>;

/**
 * Bollinger breakout (TA-Lib's bands: SMA ± k population σ) on the decision timeframe: a close
 * above the upper band goes long, a close below the lower band goes short (long-short) or out
 * (long-only); a long is closed when a close falls below the middle band, a short when one
 * rises above it.
 */
export const bollingerBreakout: StrategyDefinition<BollingerBreakoutParams> = {
  name: 'bollinger-breakout',
  params,
  create({ params: p, config, state }) {
    const bands = perSymbol<BollingerBands, BollingerState>(config.symbols, state, () => new BollingerBands(p), (s) => BollingerBands.restore(s));
    return {
      onCandle(e, ctx) {
        const bb = bands.get(e.symbol);
        if (!bb || e.tf !== config.timeframe) return;
        const b = bb.update(e.candle);
        if (b === null) return;
        const close = e.candle.close;
        const held = ctx.exposure(e.symbol);
        if (close > b.upper) return steer(ctx, e.symbol, 'long', `close ${close} above the upper band ${b.upper}`);
        if (close < b.lower) return steer(ctx, e.symbol, 'short', `close ${close} below the lower band ${b.lower}`);
        if ((held > 0 && close < b.middle) || (held < 0 && close > b.middle)) return steer(ctx, e.symbol, 'flat', `close ${close} back across the middle band ${b.middle}`);
      },
      getState: () => save(bands, (b) => b.getState()),
    };
  },
};
