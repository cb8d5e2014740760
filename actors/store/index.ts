import { candleStore } from './behaviour.ts';

export { candleStore, storeProps } from './behaviour.ts';
export const behaviours = [candleStore];
