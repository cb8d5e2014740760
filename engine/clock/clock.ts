/**
 * The clock seam. Engine and actor code reads time and schedules timers only through a Clock,
 * so the same code runs live (LiveClock) and in deterministic replay (SimClock).
 */
export type TimerId = number;

export interface Clock {
  /** Milliseconds since the Unix epoch: wall time live, simulated time in replay. */
  now(): number;
  /** Milliseconds for measuring durations; monotonic live, equal to now() in simulation. */
  monotonic(): number;
  /** Calls `fire` once the clock reaches `time` (epoch ms). Past times fire as soon as possible. */
  at(time: number, fire: () => void): TimerId;
  cancel(id: TimerId): void;
}

export const after = (clock: Clock, ms: number, fire: () => void): TimerId => clock.at(clock.now() + ms, fire);
