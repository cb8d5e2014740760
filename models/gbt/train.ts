import { seededRandom } from '../../engine/random.ts';
import { binMatrix, fitCuts } from './bins.ts';
import { baseScore, gradients, meanLoss } from './loss.ts';
import { checkDataset, type Dataset, DatasetError } from './matrix.ts';
import { MODEL_FORMAT, type Model, type Tree } from './model.ts';
import { GbtParamsError, type GbtParamsInput, parseGbtParams } from './params.ts';
import { addTreeOutput, TreeBuilder } from './tree-builder.ts';

/** Reported after every tree, for a CLI's progress bar. `tree` counts from 1. */
export interface TreeProgress {
  readonly tree: number;
  readonly maxTrees: number;
  readonly trainLoss: number;
  /** Undefined when no valid set was given. */
  readonly validLoss: number | undefined;
}

export interface TrainInput {
  readonly train: Dataset;
  /** Held-out rows for early stopping; choosing them (a time-ordered split) is the caller's business. */
  readonly valid?: Dataset;
  /** Parsed and checked here; throws GbtParamsError. */
  readonly params: GbtParamsInput;
  /** One per feature column; defaults to f0, f1, ... */
  readonly featureNames?: readonly string[];
  readonly onProgress?: (progress: TreeProgress) => void;
}

export interface TrainResult {
  readonly model: Model;
  /** Trees grown, including those early stopping then dropped (model.trees keeps the best prefix). */
  readonly treesGrown: number;
  /** True when the valid loss stopped improving before maxTrees. */
  readonly stoppedEarly: boolean;
  /** Valid loss of the kept trees; undefined without a valid set. */
  readonly validLoss: number | undefined;
}

/**
 * Gradient boosting: each tree fits the loss gradient of the current predictions on a seeded
 * sample of rows. Deterministic: the same data, params and seed give the same model.
 */
export function trainGbt(input: TrainInput): TrainResult {
  const params = parseGbtParams(input.params);
  const { train, valid, onProgress } = input;
  checkDataset('train', train);
  if (valid) checkDataset('valid', valid, train.x.nFeatures);
  if (params.earlyStoppingRounds !== undefined && !valid) throw new GbtParamsError('Invalid GBT params: earlyStoppingRounds needs a valid set');
  const featureNames = checkedFeatureNames(input.featureNames, train.x.nFeatures);

  const cuts = fitCuts(train.x, params.maxBins);
  const trainBins = binMatrix(train.x, cuts);
  const validBins = valid && binMatrix(valid.x, cuts);
  const base = Math.fround(baseScore(params.loss, train.y));
  const pred = new Float64Array(train.x.nRows).fill(base);
  const validPred = new Float64Array(valid?.x.nRows ?? 0).fill(base);
  const grad = new Float64Array(train.x.nRows);
  const rows = new Uint32Array(train.x.nRows);
  const validRows = Uint32Array.from({ length: valid?.x.nRows ?? 0 }, (_, r) => r);
  const random = seededRandom(params.seed);
  const builder = new TreeBuilder(trainBins, cuts, train.y, params);

  const trees: Tree[] = [];
  let best = { loss: Infinity, trees: 0 };
  let stoppedEarly = false;
  while (trees.length < params.maxTrees) {
    gradients(params.loss, train.y, pred, grad);
    const count = sampleRows(rows, params.rowSubsample, random);
    const grown = builder.grow(rows, count, grad, pred);
    addTreeOutput(grown, trainBins, pred, rows, count, rows.length);
    if (validBins) addTreeOutput(grown, validBins, validPred, validRows, 0, validRows.length);
    trees.push(grown.tree);

    const trainLoss = meanLoss(params.loss, train.y, pred);
    const validLoss = valid ? meanLoss(params.loss, valid.y, validPred) : undefined;
    onProgress?.({ tree: trees.length, maxTrees: params.maxTrees, trainLoss, validLoss });
    if (validLoss === undefined) continue;
    if (validLoss < best.loss) best = { loss: validLoss, trees: trees.length };
    else if (params.earlyStoppingRounds !== undefined && trees.length - best.trees >= params.earlyStoppingRounds) {
      stoppedEarly = true;
      break;
    }
  }

  const treesGrown = trees.length;
  // With early stopping, keep the trees up to the best valid loss (also when maxTrees came
  // first): the ones after it only fit noise.
  const keepBest = params.earlyStoppingRounds !== undefined;
  if (keepBest) trees.length = best.trees;
  const model: Model = { format: MODEL_FORMAT, loss: params.loss, nFeatures: train.x.nFeatures, featureNames, baseScore: base, trees };
  const validLoss = !valid ? undefined : keepBest ? best.loss : meanLoss(params.loss, valid.y, validPred);
  return { model, treesGrown, stoppedEarly, validLoss };
}

/**
 * Writes this round's rows into `rows[0..count)`, ascending (histogram reads stay sequential),
 * and the rows left out into `rows[count..]`; returns count. Every row when not subsampling,
 * else each row with probability `rate` from the seeded generator.
 */
function sampleRows(rows: Uint32Array, rate: number, random: () => number): number {
  const n = rows.length;
  let count = 0;
  if (rate < 1) {
    let out = n;
    for (let r = 0; r < n; r++) {
      if (random() < rate) rows[count++] = r;
      else rows[--out] = r;
    }
  }
  if (count > 0) return count;
  // All rows when not subsampling, or when a tiny set drew none (a tree needs at least one row).
  for (let r = 0; r < n; r++) rows[r] = r;
  return n;
}

function checkedFeatureNames(names: readonly string[] | undefined, nFeatures: number): string[] {
  if (!names) return Array.from({ length: nFeatures }, (_, f) => `f${f}`);
  if (names.length !== nFeatures) throw new DatasetError(`Invalid feature names: ${names.length} names for ${nFeatures} features`);
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '' || seen.has(name)) throw new DatasetError(`Invalid feature names: ${name === '' ? 'an empty name' : `"${name}" appears twice`}`);
    seen.add(name);
  }
  return [...names];
}
