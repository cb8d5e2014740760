import { strategy } from './behaviour.ts';

export const behaviours = [strategy];
