import { describe, expect, test } from 'bun:test';
import { bundledBars, bundledDaily } from '../../data/read.ts';
import { buildDataset } from './dataset.ts';
import { FeatureBuilder } from './feature-builder.ts';
import { FEATURE_SPEC, featureNames, featureSpecFor } from './spec.ts';
import { btcHourly, firstDifference, streamRows } from './testing.ts';
import { featureVersion } from './version.ts';

const candles = btcHourly();

describe('buildDataset', () => {
  test('its rows are the rows a FeatureBuilder fed candle by candle writes', () => {
    const live = new FeatureBuilder();
    const w = live.width;
    const streamed = streamRows(candles, w, (bar, out, offset) => live.update(bar, out, offset));
    for (const dropWarmUp of [false, true]) {
      const d = buildDataset(candles, FEATURE_SPEC, 3, { dropWarmUp });
      expect(firstDifference(d.x, streamed.subarray(d.startIndex * w, (d.startIndex + d.nRows) * w))).toBe(-1);
    }
  });

  test('BTCUSDT 1m → 1h: 691 candles, 638 complete rows at horizon 4, all finite', () => {
    expect(candles).toHaveLength(691);
    const d = buildDataset(candles, featureSpecFor('1h'), 4);
    expect(d.startIndex).toBe(49);
    expect(d.nRows).toBe(691 - 4 - 49);
    expect(d.nFeatures).toBe(19);
    expect(d.names).toEqual(featureNames(FEATURE_SPEC));
    expect(d.version).toBe(featureVersion(FEATURE_SPEC));
    expect([d.x.length, d.y.length, d.times.length, d.closes.length]).toEqual([d.nRows * 19, d.nRows, d.nRows, d.nRows]);
    expect(d.x.every(Number.isFinite) && d.y.every(Number.isFinite)).toBe(true);
    for (let r = 0; r < d.nRows; r++) {
      const t = d.startIndex + r;
      expect(d.y[r]).toBe(Math.log(candles[t + 4]!.close / candles[t]!.close));
      expect([d.times[r], d.closes[r]]).toEqual([candles[t]!.openTime, candles[t]!.close]);
    }
  });

  test('AAPL daily bars with the daily spec: no time of day, weekdays only, finite after warm-up', () => {
    const daily = bundledBars(bundledDaily('AAPL')!);
    const d = buildDataset(daily, featureSpecFor('1d'), 5);
    expect(d.nFeatures).toBe(17);
    expect(d.names.slice(-2)).toEqual(['dow_sin', 'dow_cos']);
    expect(d.nRows).toBe(daily.length - 5 - 49);
    expect(d.x.every(Number.isFinite) && d.y.every(Number.isFinite)).toBe(true);
    const weekdays = new Set(Array.from(d.times, (t) => new Date(t).getUTCDay()));
    expect([...weekdays].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  test('without dropping the warm-up, row t is candle t and the early rows hold NaN', () => {
    const d = buildDataset(candles, FEATURE_SPEC, 4, { dropWarmUp: false });
    expect([d.startIndex, d.nRows, d.times[0]]).toEqual([0, 687, candles[0]!.openTime]);
    expect(d.x[0]).toBeNaN(); // ret_1 of the first candle
  });

  test('too few candles give an empty dataset; a horizon must be a whole number of candles', () => {
    expect(buildDataset(candles.slice(0, 20), FEATURE_SPEC, 4).nRows).toBe(0);
    expect(buildDataset(candles.slice(0, 3), FEATURE_SPEC, 4, { dropWarmUp: false }).nRows).toBe(0);
    expect(buildDataset(candles.slice(0, 54), FEATURE_SPEC, 4).nRows).toBe(1);
    expect(() => buildDataset(candles, FEATURE_SPEC, 0)).toThrow('Invalid horizon');
    expect(() => buildDataset(candles, FEATURE_SPEC, 1.5)).toThrow('Invalid horizon');
  });

  test('candles out of time order are refused, not silently learnt from', () => {
    const shuffled = [...candles.slice(0, 100)];
    [shuffled[60], shuffled[61]] = [shuffled[61]!, shuffled[60]!];
    expect(() => buildDataset(shuffled, FEATURE_SPEC, 4)).toThrow('Invalid candle order');
  });
});
