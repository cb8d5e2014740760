import { yahoo } from './behaviour.ts';

export { yahoo, yahooProps, type YahooView } from './behaviour.ts';
export const behaviours = [yahoo];
