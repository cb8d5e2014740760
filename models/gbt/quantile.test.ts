import { expect, test } from 'bun:test';
import { seededRandom } from '../../engine/random.ts';
import { quantileInPlace } from './quantile.ts';

/** numpy's default quantile, by sorting. */
function sortedQuantile(values: Float64Array, alpha: number): number {
  const s = Float64Array.from(values).sort();
  const pos = alpha * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (pos - lo) * (s[hi]! - s[lo]!);
}

test('matches a sort-based quantile on many random arrays, with ties and single values', () => {
  const random = seededRandom(3);
  for (let trial = 0; trial < 2000; trial++) {
    const n = 1 + Math.floor(random() * 300);
    // A third of the values drawn from five integers: heavy ties, as residuals of a leaf have.
    const values = Float64Array.from({ length: n }, () => (random() < 0.3 ? Math.floor(random() * 5) : random() - 0.5));
    for (const alpha of [0.1, 0.5, 0.9, 0.37]) expect(quantileInPlace(Float64Array.from(values), alpha)).toBe(sortedQuantile(values, alpha));
  }
});

test('interpolates between order statistics', () => {
  expect(quantileInPlace(Float64Array.from([4, 1, 3, 2]), 0.5)).toBe(2.5);
  expect(quantileInPlace(Float64Array.from([10, 0]), 0.9)).toBe(9);
  expect(quantileInPlace(Float64Array.from([7]), 0.1)).toBe(7);
});
