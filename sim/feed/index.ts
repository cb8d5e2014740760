import { simFeed } from './behaviour.ts';

export { simFeed, simFeedProps, type SimFeedProps } from './behaviour.ts';
export const behaviours = [simFeed];
