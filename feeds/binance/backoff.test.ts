import { expect, test } from 'bun:test';
import { ceiling, DEFAULT_BACKOFF, delay } from './backoff.ts';

const policy = { baseMs: 100, capMs: 5_000, factor: 2 };
const justBelowOne = () => 0.999_999_999;

test('the ceiling grows by the factor from the base, up to the cap', () => {
  expect([0, 1, 2, 3, 4, 5, 6, 7].map((a) => ceiling(a, policy))).toEqual([100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000]);
  expect(ceiling(10_000, policy)).toBe(5_000); // factor^n overflowing is still the cap
  expect(ceiling(-3, policy)).toBe(100);
  expect(ceiling(0)).toBe(DEFAULT_BACKOFF.baseMs);
});

test('full jitter: every delay is in [0, ceiling], the extremes reachable', () => {
  for (let attempt = 0; attempt < 40; attempt++) {
    expect(delay(attempt, () => 0, policy)).toBe(0);
    const top = delay(attempt, justBelowOne, policy);
    expect(top).toBeLessThanOrEqual(ceiling(attempt, policy));
    expect(top).toBeGreaterThanOrEqual(ceiling(attempt, policy) - 1);
  }
  expect(delay(3, () => 0.5, policy)).toBe(400);
});

test('draws are spread over the range, and repeat with the same random source', () => {
  let seed = 42; // a small LCG: deterministic, unlike Math.random
  const lcg = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const draws = Array.from({ length: 1_000 }, () => delay(6, lcg, policy));
  expect(Math.min(...draws)).toBeLessThan(500);
  expect(Math.max(...draws)).toBeGreaterThan(4_500);
  expect(draws.every((d) => Number.isInteger(d) && d >= 0 && d <= 5_000)).toBe(true);
  seed = 42;
  expect(Array.from({ length: 1_000 }, () => delay(6, lcg, policy))).toEqual(draws);
});

test('a misbehaving random source cannot push a delay past the cap or make it NaN', () => {
  for (const r of [1, 7, -1, NaN, Infinity]) {
    const d = delay(20, () => r, policy);
    expect(d >= 0 && d <= 5_000).toBe(true);
  }
});
