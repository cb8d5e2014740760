import { expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelCardSchema } from '../registry/card-schema.ts';
import { loadBundledSeries } from './bundled-data.ts';
import { CARD_FILE, cardJson } from './model-set-files.ts';
import { trainModelSet } from './train-model-set.ts';

const SHIPPED = join(import.meta.dir, '..', 'shipped', 'crypto-1h-h4');

/**
 * The shipped crypto set is what its card's command writes from the bundled data, to the byte:
 * nothing in it depends on the machine, the clock or an unrecorded choice.
 */
test(
  'retraining crypto-1h-h4 from the bundled data writes the shipped files byte for byte',
  async () => {
    const card = modelCardSchema.parse(JSON.parse(readFileSync(join(SHIPPED, CARD_FILE), 'utf8')));
    expect(card.reproduce).toBe('tickflow train --class crypto --tf 1h --horizon 4 --seed 1');
    const series = await loadBundledSeries(card.class, card.tf);
    const set = trainModelSet({ assetClass: card.class, tf: card.tf, horizon: card.horizon, seed: card.seed, version: card.version, series });
    expect(cardJson(set.card)).toBe(readFileSync(join(SHIPPED, CARD_FILE), 'utf8'));
    for (const [name, bytes] of set.files) expect(Buffer.from(bytes).equals(readFileSync(join(SHIPPED, name)))).toBe(true);
    expect([...set.files.keys()]).toEqual(['q10.onnx', 'q50.onnx', 'q90.onnx']);
  },
  30_000,
);
