import { fred } from './behaviour.ts';

export { fred, fredProps, type FredView } from './behaviour.ts';
export const behaviours = [fred];
