import { replay } from './behaviour.ts';

export { replay, replayProps, type ReplayProps } from './behaviour.ts';
export const behaviours = [replay];
