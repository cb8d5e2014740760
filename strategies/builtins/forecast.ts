import { z } from 'zod';
import { steer } from '../steer.ts';
import type { StrategyDefinition } from '../strategy.ts';

const params = z
  .object({
    /** The confidence a forecast needs to be acted on (actors/forecast: 0.5 is a band as wide as volatility's). */
    threshold: z.number().min(0).max(1, { error: 'is a confidence between 0 and 1' }).default(0.6),
    /** The predicted simple return it needs, in either direction. */
    minReturn: z.number().min(0).default(0),
  })
  .strict();
export type ForecastParams = z.output<typeof params>;

/**
 * Acts on the model's forecasts (`forecast.<SYMBOL>.<tf>` of the decision timeframe): a forecast
 * whose confidence reaches `threshold` and whose predicted return passes `minReturn` sets the
 * position: up goes long, down goes short (long-short) or out (long-only). Less confident
 * forecasts change nothing: the position stays until a confident one says otherwise.
 */
export const forecastDriven: StrategyDefinition<ForecastParams> = {
  name: 'forecast',
  params,
  create({ params: p, config }) {
    return {
      onForecast(f, ctx) {
        if (f.tf !== config.timeframe || f.confidence < p.threshold) return;
        const why = `${f.model} forecasts ${(f.predictedReturn * 100).toFixed(3)}% over ${f.horizon} ${f.tf} at confidence ${f.confidence.toFixed(3)}`;
        if (f.direction === 'up' && f.predictedReturn > p.minReturn) return steer(ctx, f.symbol, 'long', why);
        if (f.direction === 'down' && f.predictedReturn < -p.minReturn) return steer(ctx, f.symbol, 'short', why);
      },
    };
  },
};
