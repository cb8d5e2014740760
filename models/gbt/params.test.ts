import { describe, expect, test } from 'bun:test';
import { GbtParamsError, parseGbtParams } from './params.ts';

const VALID = { loss: { kind: 'squared' }, learningRate: 0.1, maxDepth: 5, maxTrees: 200 };

describe('parseGbtParams', () => {
  test('fills the defaults', () => {
    expect(parseGbtParams(VALID)).toEqual({ ...VALID, loss: { kind: 'squared' }, minLeaf: 20, rowSubsample: 1, maxBins: 255, seed: 1 });
  });

  test('takes a quantile loss', () => {
    expect(parseGbtParams({ ...VALID, loss: { kind: 'quantile', alpha: 0.9 } }).loss).toEqual({ kind: 'quantile', alpha: 0.9 });
  });

  test.each([
    [{ learningRate: 0 }, 'learningRate must be a number > 0 and <= 1, was 0'],
    [{ learningRate: '0.1' }, 'learningRate must be a number > 0 and <= 1, was "0.1"'],
    [{ maxDepth: 2.5 }, 'maxDepth must be an integer >= 1 and <= 16, was 2.5'],
    [{ maxDepth: 17 }, 'maxDepth must be an integer >= 1 and <= 16, was 17'],
    [{ minLeaf: 0 }, 'minLeaf must be an integer >= 1 and <= 1000000, was 0'],
    [{ maxTrees: -1 }, 'maxTrees must be an integer >= 1 and <= 10000, was -1'],
    [{ rowSubsample: 0 }, 'rowSubsample must be a number > 0 and <= 1, was 0'],
    [{ rowSubsample: NaN }, 'rowSubsample must be a number > 0 and <= 1, was NaN'],
    [{ earlyStoppingRounds: 0 }, 'earlyStoppingRounds must be an integer >= 1 and <= 10000, was 0'],
    [{ maxBins: 256 }, 'maxBins must be an integer >= 2 and <= 255, was 256'],
    [{ seed: 1.5 }, 'seed must be an integer >= 0 and <= 4294967295, was 1.5'],
    [{ loss: { kind: 'huber' } }, 'loss.kind must be "squared" or "quantile", was "huber"'],
    [{ loss: { kind: 'quantile', alpha: 1 } }, 'loss.alpha must be a number > 0 and < 1, was 1'],
    [{ loss: { kind: 'quantile' } }, 'loss.alpha must be a number > 0 and < 1, was undefined'],
    [{ loss: { kind: 'squared', alpha: 0.5 } }, 'unknown parameter "loss.alpha"'],
    [{ maxtrees: 10 }, 'unknown parameter "maxtrees"'],
  ])('%o is refused: %s', (change, message) => {
    expect(() => parseGbtParams({ ...VALID, ...change })).toThrow(new GbtParamsError(`Invalid GBT params: ${message}`));
  });

  test('lists every problem at once', () => {
    expect(() => parseGbtParams({ loss: { kind: 'squared' } })).toThrow(
      'Invalid GBT params: learningRate must be a number > 0 and <= 1, was undefined; maxDepth must be an integer >= 1 and <= 16, was undefined; maxTrees must be an integer >= 1 and <= 10000, was undefined',
    );
    expect(() => parseGbtParams(null)).toThrow('Invalid GBT params: params must be an object, was null');
  });
});
