import type { Timeframe } from '../../market/timeframes.ts';
import { featureSignature } from '../features/version.ts';
import { featureSpecFor } from '../features/spec.ts';
import { CARD_FORMAT, QUANTILE_NAMES, type CardFold, type ForecastClass, type ModelCard } from '../registry/card-schema.ts';
import type { SymbolCandles } from './bundled-data.ts';
import { DEFAULT_SEED, FORECAST_PARAMS } from './forecast-params.ts';
import { forecastRows, pick, trainFold, type QuantileForecasts, type TrainedFold } from './fold-training.ts';
import { scoreForecasts } from './metrics.ts';
import { exportModelFiles, type ModelSet } from './model-set-files.ts';
import { poolDatasets, type PooledDataset } from './pooled-dataset.ts';
import { period } from './period.ts';
import { planSplit, SPLIT_RULE, SPLIT_SHARES, type SplitPlan } from './time-split.ts';

export interface TrainModelSetOptions {
  readonly assetClass: ForecastClass;
  readonly tf: Timeframe;
  /** Candles ahead the return is forecast over. */
  readonly horizon: number;
  /** Each symbol's closed candles of `tf` (loadBundledSeries gives the bundled ones). */
  readonly series: readonly SymbolCandles[];
  readonly seed?: number;
  /** The card's version, bumped by hand when a set is retrained under the same id. */
  readonly version?: number;
  /** Fewer trees for a quick run; recorded in the card like every other parameter. */
  readonly maxTrees?: number;
  readonly onProgress?: (progress: TrainingProgress) => void;
}

/** Trees grown so far out of the most that can be (early stopping makes `done` jump). */
export interface TrainingProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export const modelSetId = (assetClass: ForecastClass, tf: Timeframe, horizon: number): string => `${assetClass}-${tf}-h${horizon}`;

/**
 * Trains the three quantile models of a class, timeframe and horizon, evaluates them walk-forward
 * against the naive baselines, and returns the ONNX files with their card. Deterministic: the
 * same candles and options give byte-identical files (no clock is read; dates are the data's).
 */
export function trainModelSet(options: TrainModelSetOptions): ModelSet {
  const { assetClass, tf, horizon, series, seed = DEFAULT_SEED, version = 1, onProgress } = options;
  const params = { ...FORECAST_PARAMS, maxTrees: options.maxTrees ?? FORECAST_PARAMS.maxTrees };
  const spec = featureSpecFor(tf);
  const pool = poolDatasets(series, spec, horizon, tf);
  const plan = planSplit(pool);

  const total = plan.folds.length * QUANTILE_NAMES.length * params.maxTrees;
  const trained = plan.folds.map((fold, k) => {
    const before = k * QUANTILE_NAMES.length;
    return trainFold(pool, fold, params, seed, (quantile, p) =>
      onProgress?.({ phase: `fold ${k + 1}/${plan.folds.length} ${quantile}`, done: (before + QUANTILE_NAMES.indexOf(quantile)) * params.maxTrees + p.tree, total }),
    );
  });
  const shipped = trained[0]!; // trained on everything before the evaluation period

  const id = modelSetId(assetClass, tf, horizon);
  const metadata = { model_id: id, model_version: String(version), asset_class: assetClass, timeframe: tf, horizon: String(horizon) };
  const files = exportModelFiles(shipped.models, { ...metadata, feature_version: featureSignature(spec).version, feature_names: pool.names.join(',') }, version);
  const card: ModelCard = {
    format: CARD_FORMAT,
    id,
    version,
    class: assetClass,
    tf,
    horizon,
    target: `ln(close[t + ${horizon}] / close[t]): the log return from the close of ${tf} candle t, when the forecast is made, to the close of candle t + ${horizon} (candles, not clock time: a halt is skipped)`,
    features: featureSignature(spec),
    symbols: [...pool.symbols],
    data: period(pool, Uint32Array.from({ length: pool.nRows }, (_, r) => r)),
    split: {
      rule: SPLIT_RULE,
      ...SPLIT_SHARES,
      train: period(pool, plan.folds[0]!.train),
      validation: period(pool, plan.folds[0]!.valid),
      evaluation: period(pool, plan.evaluation),
      gapRows: plan.gapRows,
    },
    params,
    seed,
    models: files.entries,
    metrics: evaluate(pool, plan, trained, shipped),
    reproduce: reproduceCommand(options, seed, version),
  };
  return { card, files: files.bytes };
}

/** The options that differ from the defaults are spelt out, so the line alone writes the same set. */
function reproduceCommand({ assetClass, tf, horizon, maxTrees }: TrainModelSetOptions, seed: number, version: number): string {
  const extra = [...(version === 1 ? [] : [`--model-version ${version}`]), ...(maxTrees === undefined ? [] : [`--max-trees ${maxTrees}`])];
  return ['tickflow train', `--class ${assetClass}`, `--tf ${tf}`, `--horizon ${horizon}`, `--seed ${seed}`, ...extra].join(' ');
}

/** The shipped models on the whole evaluation period, each fold by its own models, and the folds pooled. */
function evaluate(pool: PooledDataset, plan: SplitPlan, trained: readonly TrainedFold[], shipped: TrainedFold): ModelCard['metrics'] {
  const score = (rows: Uint32Array, forecasts: QuantileForecasts, targetsOf: (i: number) => TrainedFold['targetQuantiles']) =>
    scoreForecasts({
      y: pick(pool.y, rows),
      ...forecasts,
      pastReturn: pick(pool.pastReturn, rows),
      trainingMedian: Float64Array.from(rows, (_, i) => targetsOf(i).q50),
      bandLow: Float64Array.from(rows, (_, i) => targetsOf(i).q10),
      bandHigh: Float64Array.from(rows, (_, i) => targetsOf(i).q90),
    });
  const overall = score(plan.evaluation, forecastRows(shipped.models, pool, plan.evaluation), () => shipped.targetQuantiles);

  const foldForecasts = plan.folds.map((fold, k) => forecastRows(trained[k]!.models, pool, fold.evaluation));
  const folds = plan.folds.map((fold, k): CardFold => {
    const { models, targetQuantiles } = trained[k]!;
    return {
      fold: k + 1,
      train: period(pool, fold.train),
      validation: period(pool, fold.valid),
      evaluation: period(pool, fold.evaluation),
      trees: { q10: models.q10.model.trees.length, q50: models.q50.model.trees.length, q90: models.q90.model.trees.length },
      metrics: score(fold.evaluation, foldForecasts[k]!, () => targetQuantiles),
    };
  });

  // The folds cut the evaluation period in order, so their rows concatenated are its rows.
  const foldOfRow = plan.folds.flatMap((fold, k) => Array.from(fold.evaluation, () => k));
  const joined = (q: keyof QuantileForecasts) => Float64Array.from(foldForecasts.flatMap((f) => Array.from(f[q])));
  const walkForward = score(plan.evaluation, { q10: joined('q10'), q50: joined('q50'), q90: joined('q90') }, (i) => trained[foldOfRow[i]!]!.targetQuantiles);
  return { overall, walkForward, folds };
}
