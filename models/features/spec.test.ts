import { describe, expect, test } from 'bun:test';
import { FEATURE_SPEC, featureNames, featureSpecFor, parseFeatureSpec } from './spec.ts';
import { checkFeatureSignature, featureSignature, featureVersion } from './version.ts';

describe('the feature spec', () => {
  test('names every column in row order, parameters included', () => {
    expect(featureNames(FEATURE_SPEC)).toEqual([
      'ret_1', 'ret_3', 'ret_6', 'ret_12', 'ret_24', 'vol_24', 'vol_6', 'rsi_14', 'macd_hist_pct_12_26_9',
      'bb_pct_b_20_2', 'bb_width_20_2', 'atr_pct_14', 'volume_z_24', 'close_sma_20', 'close_ema_50',
      'hour_sin', 'hour_cos', 'dow_sin', 'dow_cos',
    ]);
  });

  test('daily candles get no time of day, every intraday timeframe does', () => {
    expect(featureNames(featureSpecFor('1d'))).not.toContain('hour_sin');
    expect(featureNames(featureSpecFor('1d'))).toContain('dow_sin');
    for (const tf of ['1m', '5m', '15m', '1h', '4h'] as const) expect(featureSpecFor(tf)).toBe(FEATURE_SPEC);
  });

  test('refuses a spec that cannot name its columns apart or compute MACD', () => {
    expect(() => parseFeatureSpec({ ...FEATURE_SPEC, returnLags: [1, 3, 1] })).toThrow('column ret_1 appears twice');
    expect(() => parseFeatureSpec({ ...FEATURE_SPEC, macd: { fast: 26, slow: 12, signal: 9 } })).toThrow('fast period must be below');
    expect(() => parseFeatureSpec({ ...FEATURE_SPEC, extra: 1 })).toThrow();
    expect(() => parseFeatureSpec({ ...FEATURE_SPEC, rsiPeriod: 1.5 })).toThrow();
  });
});

describe('the feature version', () => {
  test('is pinned: changing a definition must change this string on purpose (and retrain)', () => {
    expect(featureVersion(FEATURE_SPEC)).toBe('features.r1.98949ca0ffea');
    expect(featureVersion(featureSpecFor('1d'))).not.toBe(featureVersion(FEATURE_SPEC));
  });

  test('depends on the parameters, not on how the spec object was written', () => {
    const reordered = JSON.parse(JSON.stringify(FEATURE_SPEC, Object.keys(FEATURE_SPEC).reverse().concat('fast', 'slow', 'signal', 'period', 'stdDevs')));
    expect(Object.keys(reordered)[0]).toBe('dayOfWeek');
    expect(featureVersion(reordered)).toBe(featureVersion(FEATURE_SPEC));
    expect(featureVersion({ ...FEATURE_SPEC, bollinger: { period: 20, stdDevs: 2.5 } })).not.toBe(featureVersion(FEATURE_SPEC));
  });

  test('a loader accepts a model recorded with the same features and says why it refuses another', () => {
    const card = JSON.parse(JSON.stringify(featureSignature(FEATURE_SPEC)));
    expect(checkFeatureSignature(card, FEATURE_SPEC)).toEqual({ ok: true });
    const daily = checkFeatureSignature(card, featureSpecFor('1d'));
    expect(daily.ok).toBe(false);
    expect(!daily.ok && daily.reason).toContain('hour_sin');
    const otherRevision = checkFeatureSignature({ ...card, version: 'features.r0.000000000000' }, FEATURE_SPEC);
    expect(!otherRevision.ok && otherRevision.reason).toContain('same names, different definitions');
    expect(checkFeatureSignature({ names: [] }, FEATURE_SPEC).ok).toBe(false);
  });
});
