import { describe, expect, test } from 'bun:test';
import { timeframeMs } from '../../market/timeframes.ts';
import { buildDataset } from '../features/dataset.ts';
import { featureSpecFor } from '../features/spec.ts';
import { poolDatasets } from './pooled-dataset.ts';
import { randomWalkSeries } from './testing.ts';

const spec = featureSpecFor('1h');
const HOUR = timeframeMs('1h');

describe('poolDatasets', () => {
  const series = randomWalkSeries(['AAA', 'BBB', 'CCC'], 200, '1h');
  const pool = poolDatasets(series, spec, 4, '1h');

  test('rows are in time order, ties in symbol order, and each is its symbol’s buildDataset row', () => {
    const own = series.map((s) => buildDataset(s.candles, spec, 4));
    expect(pool.nRows).toBe(own.reduce((n, d) => n + d.nRows, 0));
    for (let i = 1; i < pool.nRows; i++) {
      const order = pool.times[i]! - pool.times[i - 1]! || pool.symbolIndex[i]! - pool.symbolIndex[i - 1]!;
      expect(order).toBeGreaterThan(0);
    }
    const seen = new Uint32Array(3);
    for (let i = 0; i < pool.nRows; i++) {
      const s = pool.symbolIndex[i]!;
      const r = seen[s]!++;
      const d = own[s]!;
      expect([pool.times[i], pool.y[i]]).toEqual([d.times[r]!, d.y[r]!]);
      expect(Array.from(pool.x.subarray(i * pool.nFeatures, (i + 1) * pool.nFeatures))).toEqual(Array.from(d.x.subarray(r * d.nFeatures, (r + 1) * d.nFeatures)));
    }
  });

  test('the target is known at the close of candle t + horizon; the past return looks back horizon candles', () => {
    const candles = series[0]!.candles;
    const i = 0; // AAA's first row: candle 49
    expect(pool.times[i]).toBe(candles[49]!.openTime);
    expect(pool.targetKnownAt[i]).toBe(candles[53]!.openTime + HOUR);
    expect(pool.pastReturn[i]).toBe(Math.log(candles[49]!.close / candles[45]!.close));
  });

  test('across a halt the target is the 4th candle that exists, known when that one closes', () => {
    const halted = poolDatasets(randomWalkSeries(['AAA'], 120, '1h', { skip: new Set([60, 61, 62]) }), spec, 4, '1h');
    const r = halted.times.indexOf(halted.times[0]! + 8 * HOUR); // candle 57: the next 4 that exist are 58, 59, 63, 64
    expect(halted.targetKnownAt[r]! - halted.times[r]!).toBe((64 - 57 + 1) * HOUR);
  });

  test('only the span every symbol covers is kept', () => {
    const short = randomWalkSeries(['AAA', 'BBB'], 150, '1h');
    const long = randomWalkSeries(['CCC'], 300, '1h');
    const clipped = poolDatasets([...short, ...long], spec, 4, '1h');
    expect(clipped.nRows).toBe(3 * (150 - 49 - 4));
    expect(Math.max(...clipped.times)).toBe(short[0]!.candles[150 - 5]!.openTime);
  });

  test('a symbol with fewer candles than the warm-up is refused by name', () => {
    expect(() => poolDatasets(randomWalkSeries(['AAA', 'TINY'], 40, '1h'), spec, 4, '1h')).toThrow(/Not enough 1h candles of AAA to train on: 40/);
  });
});
