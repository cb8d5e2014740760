/**
 * Test-only: a reproducible bar stream (a seeded linear congruential generator, never
 * Math.random) with the awkward cases real feeds have: repeated closes, equal highs and lows,
 * volumeless bars and a flat stretch.
 */
import type { Ohlcv } from './ohlcv.ts';

export function syntheticBars(count: number, seed = 1, start = 100): Ohlcv[] {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
  const bars: Ohlcv[] = [];
  let close = start;
  for (let i = 0; i < count; i++) {
    const flat = i % 97 >= 70 && i % 97 < 95; // 25 identical bars out of every 97
    const open = close;
    if (!flat) close = Math.round((close * (1 + (next() - 0.5) * 0.02)) * 100) / 100;
    const high = flat ? close : Math.max(open, close) + Math.round(next() * 50) / 100;
    const low = flat ? close : Math.min(open, close) - Math.round(next() * 50) / 100;
    const volume = flat || next() < 0.05 ? 0 : Math.round(next() * 1e6) / 100;
    bars.push({ open: flat ? close : open, high, low, close, volume });
  }
  return bars;
}
