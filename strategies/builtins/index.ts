import type { BuiltinKind } from '../config.ts';
import type { StrategyDefinition } from '../strategy.ts';
import { bollingerBreakout } from './bollinger-breakout.ts';
import { emaCrossover, smaCrossover } from './crossover.ts';
import { forecastDriven } from './forecast.ts';
import { multiTimeframe } from './multi-timeframe.ts';
import { rsiReversion } from './rsi-reversion.ts';

/** Every built-in, by the `kind` a config names it with. */
export const BUILTINS: Record<BuiltinKind, StrategyDefinition<any>> = {
  'sma-crossover': smaCrossover,
  'ema-crossover': emaCrossover,
  'rsi-reversion': rsiReversion,
  'bollinger-breakout': bollingerBreakout,
  forecast: forecastDriven,
  'multi-timeframe': multiTimeframe,
};

export { bollingerBreakout, emaCrossover, forecastDriven, multiTimeframe, rsiReversion, smaCrossover };
