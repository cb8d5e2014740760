import { afterAll, describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelSet, ModelLoadError } from './load-model-set.ts';
import { copyShippedSet, editCard, SHIPPED_ROOT } from './testing.ts';

const root = mkdtempSync(join(tmpdir(), 'tickflow-models-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const refusal = async (dir: string): Promise<string> => {
  let error: unknown;
  try {
    loadModelSet(dir);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ModelLoadError);
  return (error as Error).message;
};

describe('loadModelSet', () => {
  test('loads a shipped set: three sessions behind one predict, q10 ≤ q50 ≤ q90 on every row', async () => {
    const model = loadModelSet(join(SHIPPED_ROOT, 'crypto-1h-h4'));
    expect(model.ref).toBe('crypto-1h-h4@1');
    expect(model.nFeatures).toBe(19);
    const rows = Float32Array.from({ length: 5 * model.nFeatures }, (_, i) => ((i * 7919) % 13) / 100 - 0.05);
    rows[3] = NaN; // a feature still warming up
    const { q10, q50, q90 } = model.predict(rows);
    expect([q10.length, q50.length, q90.length]).toEqual([5, 5, 5]);
    for (let r = 0; r < 5; r++) expect(q10[r]! <= q50[r]! && q50[r]! <= q90[r]!).toBe(true);
    expect(() => model.predict(new Float32Array(20))).toThrow('a batch of 20 values is not whole rows of 19 features');
    model.release();
  });

  test('a set trained on other feature columns is refused, naming the columns', async () => {
    const dir = copyShippedSet('crypto-1h-h4', root, 'renamed', (card) => {
      card['features'].names[18] = 'dow_tan';
    });
    expect(await refusal(dir)).toContain(`Refusing model set ${dir}: crypto-1h-h4@1 does not match the 1h features of this code: the model reads [ret_1, ret_3,`);
    expect(await refusal(dir)).toContain('dow_sin, dow_tan], the features are [');
  });

  test('a set trained on other feature definitions (same names, other version) is refused', async () => {
    const dir = copyShippedSet('crypto-1h-h4', root, 'redefined', (card) => {
      card['features'].version = 'features.r0.000000000000';
    });
    expect(await refusal(dir)).toContain('the model was trained on features features.r0.000000000000, these are features.r1.');
  });

  test('a tampered .onnx (its sha256 no longer the card’s) is refused before any session opens', async () => {
    const dir = copyShippedSet('crypto-1h-h4', root, 'tampered');
    const file = join(dir, 'q90.onnx');
    const bytes = readFileSync(file);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 1;
    writeFileSync(file, bytes);
    expect(await refusal(dir)).toMatch(/^Refusing model set .*tampered: q90\.onnx has sha256 [0-9a-f]{64}, card\.json says [0-9a-f]{64}: the file changed after training$/);
  });

  test('corrupt bytes under a matching sha256 are refused with onnxruntime’s reason', async () => {
    const dir = copyShippedSet('crypto-1h-h4', root, 'corrupt');
    const junk = new TextEncoder().encode('not an onnx model at all');
    writeFileSync(join(dir, 'q50.onnx'), junk);
    editCard(dir, (card) => {
      card['models'].q50.sha256 = createHash('sha256').update(junk).digest('hex');
    });
    expect(await refusal(dir)).toContain(`Refusing model set ${dir}: q50.onnx: Cannot load ONNX model (24 bytes): `);
  });

  test('a file of another quantile under the right name is refused', async () => {
    const dir = copyShippedSet('crypto-1h-h4', root, 'swapped');
    writeFileSync(join(dir, 'q10.onnx'), readFileSync(join(dir, 'q90.onnx')));
    editCard(dir, (card) => {
      card['models'].q10.sha256 = card['models'].q90.sha256;
    });
    expect(await refusal(dir)).toContain('q10.onnx holds quantile 0.9, card.json says quantile 0.1');
  });

  test('a missing or malformed card is refused, naming the field', async () => {
    expect(await refusal(join(root, 'nowhere'))).toContain('cannot read');
    const dir = copyShippedSet('crypto-1h-h4', root, 'bad-card', (card) => {
      card['horizon'] = 0;
      delete card['seed'];
    });
    expect(await refusal(dir)).toMatch(/card\.json is not a model card: horizon: .*; seed: /);
    writeFileSync(join(dir, 'card.json'), '{ not json');
    expect(await refusal(dir)).toContain('card.json is not JSON');
  });
});
