import { topic, type Topic } from '../engine/names.ts';

/**
 * The topic notifications add beside market/topics.ts:
 * - `risk.<accountId>`: a risk event of a paper account that no actor publishes itself; today a
 *   drawdown past the alert threshold, found by the watcher (drawdown-watch.ts).
 */
export const riskTopic = (accountId: string): Topic => topic('risk', accountId);

/** `risk.<accountId>`: an account's equity fell `drawdown` (a fraction) below its high, past `threshold`. */
export type DrawdownMsg = {
  type: 'risk';
  kind: 'drawdown';
  accountId: string;
  at: number;
  drawdown: number;
  threshold: number;
  equity: number;
  peak: number;
};
