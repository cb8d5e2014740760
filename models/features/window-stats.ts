import type { RingWindow } from '../../market/indicators/ring-window.ts';

/**
 * Statistics of a full window "with x": as it will be once x is pushed, read before the push
 * (RingWindow's two-pass sums, Bollinger's σ uses the same). Exact whatever the level, where
 * running sums of squares cancel and drift over a long stream; taken relative to x, so a flat
 * window gives a std of exactly 0 rather than an ulp of rounding a z-score would divide by.
 * Sample statistics (n - 1), as pandas' rolling std. Callers check the window is full with x.
 */

/** Sample standard deviation of the window once x joins it. */
export function sampleStdWith(ring: RingWindow, x: number): number {
  const offset = ring.offsetSumWith(x) / ring.size; // mean - x
  return Math.sqrt(ring.squaredDeviationsWith(x, offset) / (ring.size - 1));
}

/** How many sample standard deviations x lies from the window's mean, x included; 0 for a flat window. */
export function zScoreWith(ring: RingWindow, x: number): number {
  const offset = ring.offsetSumWith(x) / ring.size;
  const std = Math.sqrt(ring.squaredDeviationsWith(x, offset) / (ring.size - 1));
  return std > 0 ? -offset / std : 0;
}

/** True when the window, once x joins it, holds `size` values. */
export const fullWith = (ring: RingWindow): boolean => ring.pushed + 1 >= ring.size;
