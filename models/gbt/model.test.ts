import { describe, expect, test } from 'bun:test';
import { type Model, MODEL_FORMAT, predict, predictBatch } from './model.ts';
import { parseModel } from './model-schema.ts';
import { syntheticDataset } from './synthetic-data.ts';
import { trainGbt } from './train.ts';

// One split on feature 1 at 0.5: left leaf 1, right leaf 2; base score 10.
const STUMP: Model = {
  format: MODEL_FORMAT,
  loss: { kind: 'squared' },
  nFeatures: 2,
  featureNames: ['a', 'b'],
  baseScore: 10,
  trees: [{ feature: [1, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, 1, 2] }],
};

describe('predict', () => {
  test('compares the float32 feature to the threshold; <= and NaN go left', () => {
    expect(predict(STUMP, [0, 0.5])).toBe(11);
    expect(predict(STUMP, [0, NaN])).toBe(11);
    expect(predict(STUMP, [0, 0.50000001])).toBe(11); // rounds to 0.5 in float32
    expect(predict(STUMP, [0, 0.5000001])).toBe(12);
  });

  test('predictBatch reads row-major rows and checks the feature count', () => {
    expect([...predictBatch(STUMP, { data: Float64Array.from([0, 0, 0, 1]), nRows: 2, nFeatures: 2 })]).toEqual([11, 12]);
    expect(() => predictBatch(STUMP, { data: new Float64Array(3), nRows: 1, nFeatures: 3 })).toThrow('Cannot predict: the model takes 2 features, the matrix has 3');
  });
});

describe('parseModel', () => {
  test('a trained model survives JSON and predicts the same', () => {
    const d = syntheticDataset(600);
    const { model } = trainGbt({ train: d, params: { loss: { kind: 'quantile', alpha: 0.1 }, learningRate: 0.2, maxDepth: 4, minLeaf: 10, maxTrees: 20 } });
    const read = parseModel(JSON.parse(JSON.stringify(model)));
    expect(read).toEqual(model);
    expect(predictBatch(read, d.x)).toEqual(predictBatch(model, d.x));
  });

  const tree = STUMP.trees[0]!;
  test.each([
    ['a child before its parent', { trees: [{ ...tree, left: [0, -1, -1] }] }, 'Invalid gbt model: tree 0 node 0 has child 0, expected one in 1..2'],
    ['a feature out of range', { trees: [{ ...tree, feature: [2, -1, -1] }] }, 'Invalid gbt model: tree 0 node 0 splits on feature 2, the model has 2'],
    ['arrays of other lengths', { trees: [{ ...tree, value: [0, 1] }] }, 'Invalid gbt model: tree 0 has node arrays of different lengths'],
    ['a threshold that is not float32', { trees: [{ ...tree, threshold: [0.1, 0, 0] }] }, 'Invalid gbt model: trees.0.threshold.0: must be a finite float32 value, was 0.1'],
    ['another format', { format: 'xgboost' }, 'Invalid gbt model: format: Invalid input: expected "tickflow-gbt/1"'],
    ['names that do not match the features', { featureNames: ['a'] }, 'Invalid gbt model: 1 feature names for 2 features'],
  ])('refuses %s', (_, change, message) => {
    expect(() => parseModel({ ...STUMP, ...change })).toThrow(message);
  });
});
