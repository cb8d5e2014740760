import type { Dataset } from '../gbt/matrix.ts';
import { predictBatch } from '../gbt/model.ts';
import { quantileInPlace } from '../gbt/quantile.ts';
import { type TrainResult, trainGbt, type TreeProgress } from '../gbt/train.ts';
import { QUANTILE_NAMES, QUANTILES, type ModelCard, type QuantileName } from '../registry/card-schema.ts';
import { orderQuantiles } from '../registry/quantile-order.ts';
import type { PooledDataset } from './pooled-dataset.ts';
import type { FoldRows } from './time-split.ts';

export type QuantileModels = Readonly<Record<QuantileName, TrainResult>>;
export type QuantileForecasts = Readonly<Record<QuantileName, Float64Array>>;

/** The models of one forecast period, and quantiles of the targets they learnt from (the baselines' band and drift). */
export interface TrainedFold {
  readonly models: QuantileModels;
  readonly targetQuantiles: { readonly q10: number; readonly q50: number; readonly q90: number };
}

/**
 * Trains q10, q50 and q90 on a fold's train rows, each stopped early on its validation rows by
 * its own pinball loss. The median (pinball at 0.5) rather than squared loss for the point
 * forecast: it is what the MAE scores, and one large move cannot drag it the way it drags a mean.
 */
export function trainFold(pool: PooledDataset, fold: FoldRows, params: ModelCard['params'], seed: number, onTree: (quantile: QuantileName, progress: TreeProgress) => void): TrainedFold {
  const train = subset(pool, fold.train);
  const valid = subset(pool, fold.valid);
  const models = Object.fromEntries(
    QUANTILE_NAMES.map((q) => [
      q,
      trainGbt({ train, valid, params: { ...params, loss: { kind: 'quantile', alpha: QUANTILES[q] }, seed }, featureNames: pool.names, onProgress: (p) => onTree(q, p) }),
    ]),
  ) as Record<QuantileName, TrainResult>;
  const quantile = (alpha: number) => quantileInPlace(train.y.slice(), alpha);
  return { models, targetQuantiles: { q10: quantile(0.1), q50: quantile(0.5), q90: quantile(0.9) } };
}

/** The three forecasts of some rows, rearranged so q10 ≤ q50 ≤ q90 as serving returns them. */
export function forecastRows(models: QuantileModels, pool: PooledDataset, rows: Uint32Array): QuantileForecasts {
  const { x } = subset(pool, rows);
  const [q10, q50, q90] = QUANTILE_NAMES.map((q) => predictBatch(models[q].model, x)) as [Float64Array, Float64Array, Float64Array];
  orderQuantiles(q10, q50, q90);
  return { q10, q50, q90 };
}

/** Some rows of the pool, in the given order, as a training set. */
export function subset(pool: PooledDataset, rows: Uint32Array): Dataset {
  const { nFeatures } = pool;
  const data = new Float64Array(rows.length * nFeatures);
  const y = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    data.set(pool.x.subarray(r * nFeatures, (r + 1) * nFeatures), i * nFeatures);
    y[i] = pool.y[r]!;
  });
  return { x: { data, nRows: rows.length, nFeatures }, y };
}

/** A field of the pool for some rows. */
export const pick = (values: Float64Array, rows: Uint32Array): Float64Array => Float64Array.from(rows, (r) => values[r]!);
