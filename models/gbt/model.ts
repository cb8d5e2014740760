import type { Matrix } from './matrix.ts';
import type { Loss } from './params.ts';

/**
 * A trained model as plain JSON: what the ONNX exporter reads and a model card can embed.
 *
 * Numbers are float32 values (thresholds, leaf values, base score) so that this model and its
 * ONNX export, which onnxruntime evaluates in float32, give the same predictions.
 */
export interface Tree {
  /** Split feature per node; -1 marks a leaf. Node 0 is the root; children come after parents. */
  readonly feature: number[];
  /** Goes left when `Math.fround(x) <= threshold`, or when x is NaN; 0 at a leaf. */
  readonly threshold: number[];
  /** Child node indices; -1 at a leaf. */
  readonly left: number[];
  readonly right: number[];
  /** Leaf value, already multiplied by the learning rate; 0 at a split. */
  readonly value: number[];
}

export const MODEL_FORMAT = 'tickflow-gbt/1';

export interface Model {
  readonly format: typeof MODEL_FORMAT;
  readonly loss: Loss;
  readonly nFeatures: number;
  readonly featureNames: string[];
  /** Where every prediction starts: mean or alpha-quantile of the training targets. */
  readonly baseScore: number;
  readonly trees: Tree[];
}

/** The leaf a row reaches; NaN features go left (the comparison alone would send them right). */
export function leafOf(tree: Tree, row: ArrayLike<number>, offset = 0): number {
  const { feature, threshold, left, right } = tree;
  let node = 0;
  for (let f = feature[0]!; f >= 0; f = feature[node]!) {
    const x = Math.fround(row[offset + f]!);
    node = x <= threshold[node]! || x !== x ? left[node]! : right[node]!;
  }
  return node;
}

/**
 * One prediction. The sum is rounded to float32 after every tree and the base score is added
 * last, the order onnxruntime's TreeEnsembleRegressor uses, so both agree to the last bits.
 */
export function predict(model: Model, row: ArrayLike<number>, offset = 0): number {
  let sum = 0;
  for (const tree of model.trees) sum = Math.fround(sum + tree.value[leafOf(tree, row, offset)]!);
  return Math.fround(sum + model.baseScore);
}

/** Predictions for every row of a matrix with the model's feature count. */
export function predictBatch(model: Model, x: Matrix): Float64Array {
  if (x.nFeatures !== model.nFeatures) throw new RangeError(`Cannot predict: the model takes ${model.nFeatures} features, the matrix has ${x.nFeatures}`);
  const out = new Float64Array(x.nRows);
  for (let r = 0; r < x.nRows; r++) out[r] = predict(model, x.data, r * x.nFeatures);
  return out;
}
