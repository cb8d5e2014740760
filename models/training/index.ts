/**
 * Training the forecast model sets: pooled time-ordered data, a leak-free time split, three
 * quantile models, walk-forward evaluation against naive baselines, ONNX files and a card.
 */
export { loadBundledSeries, TRAINABLE_TIMEFRAMES, type SymbolCandles } from './bundled-data.ts';
export { DEFAULT_SEED, FORECAST_PARAMS } from './forecast-params.ts';
export { directionScore, hitRate, meanAbsoluteError, scoreForecasts, type ScoredRows } from './metrics.ts';
export { CARD_FILE, cardJson, modelSetDirName, onnxFileName, sha256, writeModelSet, type ModelSet } from './model-set-files.ts';
export { poolDatasets, type PooledDataset } from './pooled-dataset.ts';
export { planSplit, SPLIT_RULE, SPLIT_SHARES, type FoldRows, type SplitPlan, type SplitShares } from './time-split.ts';
export { modelSetId, trainModelSet, type TrainingProgress, type TrainModelSetOptions } from './train-model-set.ts';
