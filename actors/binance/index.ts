import { binance } from './behaviour.ts';

export { binance, binanceProps } from './behaviour.ts';
export const behaviours = [binance];
