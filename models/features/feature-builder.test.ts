import { describe, expect, test } from 'bun:test';
import type { Bar } from '../../market/candles/candle.ts';
import { FeatureBuilder } from './feature-builder.ts';
import { FEATURE_SPEC, featureNames } from './spec.ts';
import { btcHourly, firstDifference, streamRows } from './testing.ts';

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2021, 3, 5); // 2021-04-05 00:00 UTC
const col = (name: string) => featureNames(FEATURE_SPEC).indexOf(name);

/** Hourly candles from Monday 00:00 UTC, closing 100, 110, 100, 110, ...; volume 10 except a spike at bar 23. */
function zigzag(count: number): Bar[] {
  return Array.from({ length: count }, (_, t) => {
    const close = t % 2 === 0 ? 100 : 110;
    const open = t === 0 ? 100 : t % 2 === 0 ? 110 : 100;
    return { openTime: MONDAY + t * HOUR, open, high: Math.max(open, close) + 1, low: Math.min(open, close) - 1, close, volume: t === 23 ? 1000 : 10 };
  });
}

describe('known values on a handcrafted zigzag', () => {
  const builder = new FeatureBuilder();
  const w = builder.width;
  const rows = streamRows(zigzag(30), w, (bar, out, offset) => builder.update(bar, out, offset));
  const at = (t: number, name: string) => rows[t * w + col(name)]!;
  const a = Math.log(1.1);

  test('log returns over each lag', () => {
    expect(at(0, 'ret_1')).toBeNaN();
    expect(at(1, 'ret_1')).toBe(Math.log(110 / 100));
    expect(at(3, 'ret_3')).toBe(Math.log(110 / 100));
    expect(at(4, 'ret_3')).toBe(Math.log(100 / 110));
    expect(at(23, 'ret_24')).toBeNaN();
    expect(at(24, 'ret_24')).toBe(0);
    expect(at(24, 'ret_12')).toBe(0);
  });

  test('realised volatility: sample std of ±ln 1.1', () => {
    expect(at(5, 'vol_6')).toBeNaN(); // 5 returns so far
    expect(at(6, 'vol_6')).toBeCloseTo(a * Math.sqrt(6 / 5), 15);
    expect(at(24, 'vol_24')).toBeCloseTo(a * Math.sqrt(24 / 23), 15);
  });

  test('RSI, Bollinger and SMA of a zigzag around 105', () => {
    expect(at(13, 'rsi_14')).toBeNaN();
    expect(at(14, 'rsi_14')).toBe(0.5); // 7 rises and 7 falls of 10
    expect(at(19, 'bb_pct_b_20_2')).toBeCloseTo(0.75, 12); // bands 95..115 (σ = 5), close 110
    expect(at(19, 'bb_width_20_2')).toBeCloseTo(20 / 105, 12);
    expect(at(19, 'close_sma_20')).toBeCloseTo(110 / 105 - 1, 14);
  });

  test('volume z-score: one spike against 23 equal volumes is 23/√24, whatever the volumes', () => {
    expect(at(22, 'volume_z_24')).toBeNaN();
    expect(at(23, 'volume_z_24')).toBeCloseTo(23 / Math.sqrt(24), 12);
  });

  test('hour of day and day of week, in UTC from the open time', () => {
    expect([at(0, 'hour_sin'), at(0, 'hour_cos')]).toEqual([0, 1]);
    expect(at(6, 'hour_sin')).toBe(1);
    expect(at(6, 'hour_cos')).toBeCloseTo(0, 15);
    expect(at(18, 'hour_sin')).toBe(-1);
    expect(at(0, 'dow_sin')).toBeCloseTo(Math.sin((2 * Math.PI) / 7), 15); // Monday = 1
    expect(at(24, 'dow_cos')).toBeCloseTo(Math.cos((4 * Math.PI) / 7), 15); // Tuesday 00:00
  });
});

describe('FeatureBuilder', () => {
  const candles = btcHourly();

  test('the row of candle warmUpBars - 1 is the first with no NaN, and every later one has none', () => {
    const b = new FeatureBuilder();
    expect(b.warmUpBars).toBe(50); // EMA 50 is the slowest
    const rows = streamRows(candles, b.width, (bar, out, offset) => b.update(bar, out, offset));
    const complete = (t: number) => rows.subarray(t * b.width, (t + 1) * b.width).every(Number.isFinite);
    expect(complete(b.warmUpBars - 2)).toBe(false);
    for (let t = b.warmUpBars - 1; t < candles.length; t++) expect(complete(t)).toBe(true);
  });

  test('restored mid-stream from its JSON state, it writes the same rows bit for bit', () => {
    const whole = new FeatureBuilder();
    const expected = streamRows(candles, whole.width, (bar, out, offset) => whole.update(bar, out, offset));
    for (const cut of [0, 1, 10, 33, 49, 50, 300, candles.length - 1]) {
      let b = new FeatureBuilder();
      const got = streamRows(candles, b.width, (bar, out, offset) => {
        if (offset === cut * b.width) b = FeatureBuilder.fromState(JSON.parse(JSON.stringify(b.getState())));
        return b.update(bar, out, offset);
      });
      expect(firstDifference(got, expected)).toBe(-1);
      expect(JSON.stringify(b.getState())).toBe(JSON.stringify(whole.getState()));
    }
  });

  test('refuses a state written by other feature code or one its spec could not have produced', () => {
    const b = new FeatureBuilder();
    const row = new Float64Array(b.width);
    for (const bar of candles.slice(0, 60)) b.update(bar, row);
    const state = JSON.parse(JSON.stringify(b.getState()));
    expect(() => FeatureBuilder.fromState({ ...state, version: 'features.r0.000000000000' })).toThrow('rebuild it from history');
    expect(() => FeatureBuilder.fromState({ ...state, bars: 59 })).toThrow('closes seen is 60, expected 59');
    expect(() => FeatureBuilder.fromState({ ...state, rsi: { ...state.rsi, period: 7 } })).toThrow('RSI period is 7, expected 14');
    expect(() => FeatureBuilder.fromState({ ...state, closes: { values: [1], pushed: 1 } })).toThrow('expected 25');
    expect(() => FeatureBuilder.fromState({ ...state, spec: { ...state.spec, emaPeriod: 'fifty' } })).toThrow();
  });

  test('refuses a bad candle before changing anything', () => {
    const b = new FeatureBuilder();
    const row = new Float64Array(b.width);
    const first = candles[0]!;
    b.update(first, row);
    const before = JSON.stringify(b.getState());
    expect(() => b.update(first, row)).toThrow('Invalid candle order');
    expect(() => b.update({ ...candles[1]!, close: 0 }, row)).toThrow('Invalid close for log returns, was 0');
    expect(() => b.update({ ...candles[1]!, volume: -1 }, row)).toThrow('Invalid volume');
    expect(() => b.update({ ...candles[1]!, high: NaN }, row)).toThrow('must be finite');
    expect(() => b.update(candles[1]!, row, 1)).toThrow('does not fit');
    expect(JSON.stringify(b.getState())).toBe(before);
  });
});

test('a flat, volumeless market gives defined features, not NaN or ±∞', () => {
  const b = new FeatureBuilder();
  const row = new Float64Array(b.width);
  for (let t = 0; t < b.warmUpBars; t++) b.update({ openTime: MONDAY + t * HOUR, open: 5, high: 5, low: 5, close: 5, volume: 0 }, row);
  const value = (name: string) => row[col(name)];
  expect([value('ret_24'), value('vol_24'), value('rsi_14'), value('bb_width_20_2'), value('volume_z_24'), value('close_ema_50')]).toEqual([0, 0, 0, 0, 0, 0]);
  expect(value('bb_pct_b_20_2')).toBe(0.5);
  expect(row.every(Number.isFinite)).toBe(true);
});
