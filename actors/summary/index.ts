import { summary } from './behaviour.ts';

export { summary, type SummaryView } from './behaviour.ts';
export const behaviours = [summary];
