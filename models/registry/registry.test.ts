import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelChoice } from './model-choice.ts';
import { chooseModel, loadRegistry, type ModelRegistry } from './registry.ts';
import { copyShippedSet } from './testing.ts';

const root = mkdtempSync(join(tmpdir(), 'tickflow-registry-'));
let registry: ModelRegistry;

beforeAll(async () => {
  copyShippedSet('crypto-1h-h4', root);
  copyShippedSet('crypto-1h-h4', root, 'crypto-1h-h4@2', (card) => void (card['version'] = 2)); // a retrained version beside it
  copyShippedSet('crypto-1h-h4', root, 'crypto-1h-h12', (card) => void (card['horizon'] = 12)); // a card that does not describe its files
  copyShippedSet('stock-1d-h5', root);
  copyShippedSet('crypto-1h-h4', root, 'crypto-copy'); // the same id@version again
  const stale = copyShippedSet('crypto-1h-h4', root, 'stale', (card) => void (card['features'].version = 'features.r0.000000000000'));
  writeFileSync(join(stale, 'q10.onnx'), 'x');
  registry = loadRegistry(root);
});
afterAll(async () => {
  registry.release();
  rmSync(root, { recursive: true, force: true });
});

describe('loadRegistry', () => {
  test('loads every good set side by side and lists each refused one with its reason', () => {
    expect(registry.models.map((m) => m.ref)).toEqual(['crypto-1h-h4@1', 'crypto-1h-h4@2', 'stock-1d-h5@1']);
    expect(registry.refused.map((r) => r.dir)).toEqual([join(root, 'crypto-1h-h12'), join(root, 'crypto-copy'), join(root, 'stale')]);
    expect(registry.refused[0]!.reason).toContain('q10.onnx holds horizon 4, card.json says horizon 12');
    expect(registry.refused[1]!.reason).toContain('crypto-1h-h4@1 is already loaded from another folder');
    expect(registry.refused[2]!.reason).toContain('does not match the 1h features of this code');
  });
});

describe('chooseModel', () => {
  test('by default the newest set of the class and timeframe: the highest version on the same data', () => {
    const choice = chooseModel(registry, { assetClass: 'crypto', tf: '1h' });
    expect(choice.ok && choice.model.ref).toBe('crypto-1h-h4@2');
  });

  test('the set the config names, when it is loaded', () => {
    const config = parseModelChoice({ crypto: { '1h': 'crypto-1h-h4@1' } });
    const crypto = chooseModel(registry, { assetClass: 'crypto', tf: '1h' }, config);
    expect(crypto.ok && crypto.model.ref).toBe('crypto-1h-h4@1');
    const stock = chooseModel(registry, { assetClass: 'stock', tf: '1d' }, config);
    expect(stock.ok && stock.model.ref).toBe('stock-1d-h5@1');
  });

  test('a configured set that is not loaded is an error naming what is, never a silent fallback', () => {
    const choice = chooseModel(registry, { assetClass: 'crypto', tf: '1h' }, parseModelChoice({ crypto: { '1h': 'crypto-1h-h4@7' } }));
    expect(choice).toEqual({ ok: false, reason: 'The config chooses model crypto-1h-h4@7 for crypto 1h, which is not loaded (loaded for crypto 1h: crypto-1h-h4@1, crypto-1h-h4@2)' });
  });

  test('no set for a class and timeframe is a result, not a throw', () => {
    expect(chooseModel(registry, { assetClass: 'crypto', tf: '5m' })).toEqual({ ok: false, reason: 'No model set is loaded for crypto 5m' });
  });

  test('the config is checked: class, timeframe and id@version', () => {
    expect(parseModelChoice(undefined)).toEqual({});
    expect(() => parseModelChoice({ macro: {} })).toThrow('Invalid model choice: unknown class "macro"; classes are crypto, stock');
    expect(() => parseModelChoice({ crypto: { '2h': 'crypto-2h-h4@1' } })).toThrow('unknown timeframe "2h" for crypto; timeframes are 1m, 5m, 15m, 1h, 4h, 1d');
    expect(() => parseModelChoice({ crypto: { '1h': 'crypto-1h-h4' } })).toThrow('a model is named id@version, e.g. crypto-1h-h4@1, got "crypto-1h-h4"');
  });
});
