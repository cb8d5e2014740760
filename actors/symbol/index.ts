import { symbol } from './behaviour.ts';

export { symbol };
export type { CandleMsg, GapMsg, IndicatorsMsg, StatsMsg, SymbolView, TickMsg } from './messages.ts';
export const behaviours = [symbol];
