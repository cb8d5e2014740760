import { actAt } from './act.ts';
import { isWorking, modeOf } from './order-rules.ts';
import type { Entry, Run } from './run.ts';

/** Whether the entry takes part in the run's current step. */
const takesPart = (run: Run, e: Entry): boolean => isWorking(e.order) && e.activeFrom <= run.cutoff;

/**
 * Lets every order act at `pos`, in book order, pass after pass until nothing changes: a fill
 * can activate a bracket's exits, a trigger turns a stop into a market or limit order, and
 * those act at the same price. Each pass changes something or ends the loop, and no order can
 * change forever, so the bound only turns a bug into an error.
 */
function settle(run: Run, pos: number, ahead: number): void {
  const bound = 4 * run.entries.length + 8;
  for (let pass = 0; pass <= bound; pass++) {
    let acted = false;
    for (const e of run.entries) if (takesPart(run, e) && actAt(run, e, pos, ahead)) acted = true;
    if (!acted) return;
  }
  throw new Error(`Invalid book: matching at ${pos} did not settle after ${bound} passes`);
}

/**
 * The first price after `pos` on the way to `to` at which a resting order acts: a stop level
 * in the direction of travel (buy stops going up, sell stops going down) or a resting limit
 * against it. `to` when there is none.
 */
function nextLevel(run: Run, pos: number, to: number): number {
  const up = to > pos;
  let best = to;
  for (const e of run.entries) {
    if (!takesPart(run, e)) continue;
    const o = e.order;
    const mode = modeOf(o);
    const level = mode === 'trigger' && (o.side === 'buy') === up ? o.stop_price : mode === 'limit' && e.rested && (o.side === 'buy') !== up ? o.limit_price : null;
    if (level !== null && (up ? level > pos && level < best : level < pos && level > best)) best = level;
  }
  return best;
}

/** A price that jumped here (a print, a bar's open): everything acts at it. */
export function matchPoint(run: Run, price: number, time: number): void {
  run.at(time);
  settle(run, price, price);
}

/**
 * The price moving continuously from `from` (at time `t0`) to `to` (at `t1`), inside a bar:
 * orders act in the order the price reaches their levels, each at its level. Orders that
 * arrived after `t0` join only at `to`; everything done on the way is stamped `t1`, the first
 * time by which it is known to have happened.
 */
export function matchSegment(run: Run, from: number, to: number, t0: number, t1: number): void {
  run.at(t1, t0);
  settle(run, from, to);
  for (let pos = nextLevel(run, from, to); pos !== to; pos = nextLevel(run, pos, to)) settle(run, pos, to);
  run.at(t1);
  settle(run, to, to);
}
