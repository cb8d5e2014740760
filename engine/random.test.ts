import { expect, test } from 'bun:test';
import { seededRandom } from './random.ts';

test('seeded randomness is repeatable per seed and stays in [0, 1)', () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const xs = Array.from({ length: 1_000 }, () => a());
  expect(Array.from({ length: 1_000 }, () => b())).toEqual(xs);
  expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  expect(seededRandom(43)()).not.toBe(xs[0]);
});
