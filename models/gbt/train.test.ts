import { describe, expect, test } from 'bun:test';
import { type Dataset, DatasetError } from './matrix.ts';
import { predict, predictBatch } from './model.ts';
import type { GbtParamsInput } from './params.ts';
import { sliceRows, syntheticDataset } from './synthetic-data.ts';
import { trainGbt, type TreeProgress } from './train.ts';

// Time-ordered split of one synthetic series: train, then valid (early stopping), then test.
const all = syntheticDataset(8000);
const train = sliceRows(all, 0, 5000);
const valid = sliceRows(all, 5000, 6500);
const test_ = sliceRows(all, 6500, 8000);

const mse = (y: Float64Array, p: ArrayLike<number>) => y.reduce((s, v, i) => s + (v - p[i]!) ** 2, 0) / y.length;
const shareBelow = (y: Float64Array, p: ArrayLike<number>) => y.filter((v, i) => v < p[i]!).length / y.length;

describe('trainGbt learns', () => {
  test('squared loss: held-out error far below the constant predictor', () => {
    const { model } = trainGbt({ train, valid, params: { loss: { kind: 'squared' }, learningRate: 0.1, maxDepth: 5, maxTrees: 200, earlyStoppingRounds: 20 } });
    const constant = train.y.reduce((s, v) => s + v, 0) / train.y.length;
    const ratio = mse(test_.y, predictBatch(model, test_.x)) / mse(test_.y, new Float64Array(test_.y.length).fill(constant));
    expect(ratio).toBeLessThan(0.4);
  });

  test('quantile loss: about 10% of held-out targets fall below q10, 50% below q50, 90% below q90', () => {
    const params = (alpha: number): GbtParamsInput => ({
      loss: { kind: 'quantile', alpha },
      learningRate: 0.05,
      maxDepth: 4,
      minLeaf: 40,
      maxTrees: 300,
      rowSubsample: 0.8,
      earlyStoppingRounds: 30,
    });
    const below = [0.1, 0.5, 0.9].map((alpha) => shareBelow(test_.y, predictBatch(trainGbt({ train, valid, params: params(alpha) }).model, test_.x)));
    expect(Math.abs(below[0]! - 0.1)).toBeLessThan(0.05);
    expect(Math.abs(below[1]! - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(below[2]! - 0.9)).toBeLessThan(0.05);
  });
});

describe('early stopping', () => {
  test('stops before maxTrees once the valid loss stops improving, and keeps the best trees', () => {
    const progress: TreeProgress[] = [];
    const params = { loss: { kind: 'squared' }, learningRate: 0.5, maxDepth: 6, minLeaf: 5, maxTrees: 500, earlyStoppingRounds: 10 } as const;
    const result = trainGbt({ train, valid, params, onProgress: (p) => progress.push(p) });
    expect(result.stoppedEarly).toBe(true);
    expect(result.treesGrown).toBeLessThan(500);
    expect(result.model.trees.length).toBe(result.treesGrown - 10);
    const validLosses = progress.map((p) => p.validLoss!);
    expect(result.validLoss).toBe(Math.min(...validLosses));
    expect(validLosses[result.model.trees.length - 1]).toBe(result.validLoss!);
  });

  test('needs a valid set', () => {
    expect(() => trainGbt({ train, params: { loss: { kind: 'squared' }, learningRate: 0.1, maxDepth: 3, maxTrees: 5, earlyStoppingRounds: 2 } })).toThrow(
      'Invalid GBT params: earlyStoppingRounds needs a valid set',
    );
  });
});

test('reports every tree with its train and valid loss', () => {
  const progress: TreeProgress[] = [];
  trainGbt({ train, valid, params: { loss: { kind: 'quantile', alpha: 0.5 }, learningRate: 0.1, maxDepth: 3, maxTrees: 20 }, onProgress: (p) => progress.push(p) });
  expect(progress.map((p) => p.tree)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(progress.every((p) => p.maxTrees === 20 && p.validLoss !== undefined)).toBe(true);
  expect(progress[19]!.trainLoss).toBeLessThan(progress[0]!.trainLoss);
});

describe('determinism', () => {
  const params = (seed: number, rowSubsample: number): GbtParamsInput => ({ loss: { kind: 'squared' }, learningRate: 0.1, maxDepth: 4, maxTrees: 30, rowSubsample, seed });
  const modelJson = (seed: number, rowSubsample: number) => JSON.stringify(trainGbt({ train, params: params(seed, rowSubsample) }).model);

  test('the same data, params and seed give the same model', () => {
    expect(modelJson(7, 0.7)).toBe(modelJson(7, 0.7));
  });

  test('another seed draws other rows; without subsampling the seed is not used', () => {
    expect(modelJson(8, 0.7)).not.toBe(modelJson(7, 0.7));
    expect(modelJson(8, 1)).toBe(modelJson(7, 1));
  });
});

test('a missing value takes the path of the smallest training value: missing goes left', () => {
  const x = Float64Array.from({ length: 400 }, (_, r) => (r % 10 === 0 ? NaN : r / 400));
  const y = x.map((v) => (Number.isNaN(v) ? -1 : v));
  const { model } = trainGbt({ train: { x: { data: x, nRows: 400, nFeatures: 1 }, y }, params: { loss: { kind: 'squared' }, learningRate: 0.3, maxDepth: 4, minLeaf: 5, maxTrees: 20 } });
  expect(predict(model, [NaN])).toBe(predict(model, [1 / 400]));
  expect(predict(model, [NaN])).toBeLessThan(predict(model, [0.9]));
});

describe('refuses data it cannot train on', () => {
  const params = { loss: { kind: 'squared' }, learningRate: 0.1, maxDepth: 3, maxTrees: 5 } as const;
  const tiny = (y: number[], nFeatures = 1): Dataset => ({ x: { data: new Float64Array(y.length * nFeatures), nRows: y.length, nFeatures }, y: Float64Array.from(y) });

  test.each([
    ['a NaN target', { train: tiny([1, 2, NaN, 4]) }, 'Invalid train set: target at row 2 was NaN'],
    ['no rows', { train: tiny([]) }, 'Invalid train set: no rows'],
    ['a valid set with other features', { train: tiny([1, 2]), valid: tiny([1, 2], 2) }, 'Invalid valid set: 2 features, the training set has 1'],
    ['too few feature names', { train: tiny([1, 2], 2), featureNames: ['rsi'] }, 'Invalid feature names: 1 names for 2 features'],
    ['a repeated feature name', { train: tiny([1, 2], 2), featureNames: ['rsi', 'rsi'] }, 'Invalid feature names: "rsi" appears twice'],
  ])('%s', (_, data, message) => {
    expect(() => trainGbt({ ...data, params })).toThrow(new DatasetError(message));
  });
});
