import type { Bar } from '../../market/candles/candle.ts';
import { FeatureBuilder } from './feature-builder.ts';
import type { FeatureSpec } from './spec.ts';

/** A training set: row r describes candle startIndex + r, as it stood when that candle closed. */
export interface Dataset {
  /** nRows × nFeatures, row-major. */
  readonly x: Float64Array;
  /** ln(close[t + horizon] / close[t]): the log return over the next `horizon` candles. */
  readonly y: Float64Array;
  /** Open time (epoch ms UTC) of each row's candle; the row is known at that candle's close. */
  readonly times: Float64Array;
  /** close[t] of each row, to turn a forecast log return back into a price. */
  readonly closes: Float64Array;
  readonly nRows: number;
  readonly nFeatures: number;
  readonly names: readonly string[];
  /** The feature version (see version.ts), for the model card. */
  readonly version: string;
  readonly horizon: number;
  /** Index in the input candles of row 0. */
  readonly startIndex: number;
}

export interface DatasetOptions {
  /** Drop the leading rows in which a feature is still warming up (NaN). Default true. */
  readonly dropWarmUp?: boolean;
}

/**
 * Runs a FeatureBuilder over time-ordered closed candles, as a symbol actor would receive them,
 * and pairs each row with the future log return it should predict. Rows whose target lies
 * beyond the data (the last `horizon`) are dropped, and by default so are the warm-up rows.
 * Horizons count candles, not time: across a venue halt the next candle is the next one that
 * exists, exactly as in live serving.
 */
export function buildDataset(candles: readonly Bar[], spec: FeatureSpec, horizon: number, options: DatasetOptions = {}): Dataset {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`Invalid horizon, must be a whole number of candles ≥ 1, was ${horizon}`);
  const builder = new FeatureBuilder(spec);
  const width = builder.width;
  const labelled = Math.max(0, candles.length - horizon);
  const startIndex = options.dropWarmUp === false ? 0 : Math.min(builder.warmUpBars - 1, labelled);
  const nRows = labelled - startIndex;
  const x = new Float64Array(nRows * width);
  const y = new Float64Array(nRows);
  const times = new Float64Array(nRows);
  const closes = new Float64Array(nRows);
  const scratch = new Float64Array(width);
  // Candles past the last labelled one would only produce rows without a target: not fed.
  for (let t = 0; t < labelled; t++) {
    const candle = candles[t]!;
    const r = t - startIndex;
    if (r < 0) {
      builder.update(candle, scratch);
      continue;
    }
    builder.update(candle, x, r * width);
    y[r] = Math.log(candles[t + horizon]!.close / candle.close);
    times[r] = candle.openTime;
    closes[r] = candle.close;
  }
  return { x, y, times, closes, nRows, nFeatures: width, names: builder.names, version: builder.version, horizon, startIndex };
}
