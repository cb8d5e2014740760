import type { ModelCard } from '../registry/card-schema.ts';

/**
 * The boosting parameters of every forecast model, fixed before any training and never tuned
 * on the evaluation period (nor on anything else: there is no search). Why these:
 * - a return over a few candles is mostly noise, so each tree must be too weak to learn it:
 *   depth 3 (at most 8 leaves, two-way interactions) and at least 100 rows per leaf, which also
 *   gives a q10/q90 leaf at least ten rows beyond its quantile;
 * - learning rate 0.05 with up to 300 trees, and the tree count chosen by early stopping
 *   (30 rounds) on the validation split, which lies before the evaluation period;
 * - each tree sees a seeded 80% of the rows, which decorrelates the trees;
 * - 64 bins per feature: the noise is far coarser than the thresholds, and training is faster.
 * One set for every quantile, class and timeframe, so nothing differs that could be tuned.
 */
export const FORECAST_PARAMS: ModelCard['params'] = Object.freeze({
  learningRate: 0.05,
  maxDepth: 3,
  minLeaf: 100,
  maxTrees: 300,
  rowSubsample: 0.8,
  earlyStoppingRounds: 30,
  maxBins: 64,
});

/** The default seed; every model of a set uses it (the quantiles and folds differ by their targets, not their draws). */
export const DEFAULT_SEED = 1;
