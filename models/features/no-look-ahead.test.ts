import { describe, expect, test } from 'bun:test';
import { seededRandom } from '../../engine/random.ts';
import type { Candle } from '../../market/candles/candle.ts';
import { buildDataset, type Dataset } from './dataset.ts';
import { FEATURE_SPEC } from './spec.ts';
import { btcHourly, firstDifference } from './testing.ts';

/**
 * The rule: the row of candle t is computed from candles 0..t only. Rewrite every candle after
 * t at random and nothing in rows 0..t may move, not by one bit; the targets that reach past t
 * must move, or the rewrite proved nothing.
 */
const candles = btcHourly();

function rewriteAfter(t: number, random: () => number): Candle[] {
  const jitter = () => Math.exp((random() - 0.5) * 0.1); // ±5%
  return candles.map((c, i) => {
    if (i <= t) return c;
    const open = c.open * jitter(), close = c.close * jitter();
    const high = Math.max(open, close, c.high * jitter()), low = Math.min(open, close, c.low * jitter());
    return { ...c, open, high, low, close, volume: c.volume * (0.2 + 2 * random()) };
  });
}

/** Rows 0..t of x bit-identical, targets of rows ≤ t - h identical, those of rows t - h + 1 .. t all different. */
function expectNoLookAhead(before: Dataset, after: Dataset, t: number): void {
  const { nFeatures: w, horizon: h } = before;
  expect(firstDifference(before.x.subarray(0, (t + 1) * w), after.x.subarray(0, (t + 1) * w))).toBe(-1);
  const settled = Math.max(0, t - h + 1);
  expect(firstDifference(before.y.subarray(0, settled), after.y.subarray(0, settled))).toBe(-1);
  for (let r = settled; r <= t; r++) expect(after.y[r]).not.toBe(before.y[r]!);
}

describe('no look-ahead', () => {
  const random = seededRandom(20210402);
  for (const horizon of [1, 6, 24]) {
    test(`horizon ${horizon}: rewriting the future leaves every row up to t as it was`, () => {
      const before = buildDataset(candles, FEATURE_SPEC, horizon, { dropWarmUp: false });
      const cuts = [0, 5, 30, 48, 49, 50, ...Array.from({ length: 12 }, () => 50 + Math.floor(random() * (before.nRows - 51)))];
      for (const t of cuts) {
        const after = buildDataset(rewriteAfter(t, random), FEATURE_SPEC, horizon, { dropWarmUp: false });
        expectNoLookAhead(before, after, t);
        // The rewrite does reach the features after t.
        expect(firstDifference(before.x.subarray((t + 1) * before.nFeatures), after.x.subarray((t + 1) * before.nFeatures))).not.toBe(-1);
      }
    });
  }

  test('the check catches a feature that peeks one candle ahead', () => {
    const peek = (d: Dataset, source: readonly Candle[]): Dataset => {
      const x = d.x.slice();
      for (let r = 0; r < d.nRows; r++) x[r * d.nFeatures] = Math.log(source[r + 1]!.close / source[r]!.close);
      return { ...d, x };
    };
    const t = 400;
    const future = rewriteAfter(t, seededRandom(7));
    const before = buildDataset(candles, FEATURE_SPEC, 6, { dropWarmUp: false });
    const after = buildDataset(future, FEATURE_SPEC, 6, { dropWarmUp: false });
    expect(() => expectNoLookAhead(peek(before, candles), peek(after, future), t)).toThrow();
  });
});
