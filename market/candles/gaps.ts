import { bucketStart, timeframeMs, type Timeframe } from '../timeframes.ts';

/** A run of buckets with no data, [from, to) in epoch ms. */
export interface Gap {
  readonly from: number;
  readonly to: number;
  readonly missing: number;
}

/**
 * Notices buckets that received nothing (a venue halt, a dropped connection) so they can be
 * reported or backfilled, never fabricated.
 */
export class GapDetector {
  private last: number | null = null;

  constructor(readonly tf: Timeframe = '1m') {}

  /** Records data at `time`; returns the gap it closes, if the previous data was more than one bucket ago. */
  see(time: number): Gap | null {
    const start = bucketStart(time, this.tf);
    const step = timeframeMs(this.tf);
    const last = this.last;
    if (last !== null && start <= last) return null;
    this.last = start;
    if (last === null || start - last === step) return null;
    return { from: last + step, to: start, missing: (start - last) / step - 1 };
  }

  getState(): { last: number | null } {
    return { last: this.last };
  }

  restore(state: { last: number | null }): void {
    this.last = state.last;
  }
}
