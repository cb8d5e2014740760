import { z } from 'zod';
import type { Timeframe } from '../../market/timeframes.ts';

const period = (min: number) => z.number().int().min(min).max(100_000);

/**
 * Which forecast features a model reads, and with which parameters. Parsed with zod because a
 * spec arrives from a model card or a persisted builder state, not only from code.
 */
export const featureSpecSchema = z.strictObject({
  /** ln(close[t] / close[t - lag]) for each lag, in bars. */
  returnLags: z.array(period(1)).min(1).readonly(),
  /** Sample std (n - 1) of the last `window` one-bar log returns, for each window. */
  volatilityWindows: z.array(period(2)).min(1).readonly(),
  rsiPeriod: period(2),
  macd: z.strictObject({ fast: period(2), slow: period(2), signal: period(2) }),
  bollinger: z.strictObject({ period: period(2), stdDevs: z.number().positive().max(100) }),
  atrPeriod: period(1),
  /** Window of the log-volume z-score. */
  volumeWindow: period(2),
  smaPeriod: period(2),
  emaPeriod: period(2),
  /** Hour of day as sin/cos: meaningful for intraday candles only (a 1d candle always opens at 00:00 UTC). */
  timeOfDay: z.boolean(),
  dayOfWeek: z.boolean(),
}).readonly();
export type FeatureSpec = z.infer<typeof featureSpecSchema>;

/** The default set, for intraday candles. */
export const FEATURE_SPEC: FeatureSpec = Object.freeze({
  returnLags: Object.freeze([1, 3, 6, 12, 24]),
  volatilityWindows: Object.freeze([24, 6]),
  rsiPeriod: 14,
  macd: Object.freeze({ fast: 12, slow: 26, signal: 9 }),
  bollinger: Object.freeze({ period: 20, stdDevs: 2 }),
  atrPeriod: 14,
  volumeWindow: 24,
  smaPeriod: 20,
  emaPeriod: 50,
  timeOfDay: true,
  dayOfWeek: true,
});

/** The default set for a timeframe: time of day only where a candle can open at different hours. */
export const featureSpecFor = (tf: Timeframe): FeatureSpec => (tf === '1d' ? { ...FEATURE_SPEC, timeOfDay: false } : FEATURE_SPEC);

/**
 * The column names, in row order. Every parameter is spelled out in a name, so two specs with
 * the same names compute the same columns. "pct" columns are fractions of the close, not × 100.
 */
export function featureNames(spec: FeatureSpec): readonly string[] {
  const { macd, bollinger: bb } = spec;
  return [
    ...spec.returnLags.map((lag) => `ret_${lag}`),
    ...spec.volatilityWindows.map((window) => `vol_${window}`),
    `rsi_${spec.rsiPeriod}`,
    `macd_hist_pct_${macd.fast}_${macd.slow}_${macd.signal}`,
    `bb_pct_b_${bb.period}_${bb.stdDevs}`,
    `bb_width_${bb.period}_${bb.stdDevs}`,
    `atr_pct_${spec.atrPeriod}`,
    `volume_z_${spec.volumeWindow}`,
    `close_sma_${spec.smaPeriod}`,
    `close_ema_${spec.emaPeriod}`,
    ...(spec.timeOfDay ? ['hour_sin', 'hour_cos'] : []),
    ...(spec.dayOfWeek ? ['dow_sin', 'dow_cos'] : []),
  ];
}

/** Parses an untrusted spec, and refuses what zod's shape cannot: duplicate columns, MACD fast ≥ slow. */
export function parseFeatureSpec(input: unknown): FeatureSpec {
  const spec = featureSpecSchema.parse(input);
  const names = featureNames(spec);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw new RangeError(`Invalid feature spec: column ${duplicate} appears twice`);
  if (spec.macd.fast >= spec.macd.slow) throw new RangeError(`Invalid feature spec: MACD fast period must be below the slow one, got ${spec.macd.fast} and ${spec.macd.slow}`);
  return spec;
}
