import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportOnnx } from '../onnx/export.ts';
import { QUANTILE_NAMES, QUANTILES, type ModelCard, type QuantileName } from '../registry/card-schema.ts';
import type { QuantileModels } from './fold-training.ts';

/** A trained set: its card and its ONNX files by file name (q10.onnx, q50.onnx, q90.onnx). */
export interface ModelSet {
  readonly card: ModelCard;
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export const CARD_FILE = 'card.json';
export const onnxFileName = (q: QuantileName): string => `${q}.onnx`;
export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The ONNX bytes of each quantile model and the card's entry for it (the sha256 binds file to card). */
export function exportModelFiles(models: QuantileModels, metadata: Readonly<Record<string, string>>, version: number): { entries: ModelCard['models']; bytes: Map<string, Uint8Array> } {
  const bytes = new Map<string, Uint8Array>();
  const entries = Object.fromEntries(
    QUANTILE_NAMES.map((q) => {
      const { model, validLoss } = models[q];
      if (validLoss === undefined) throw new Error(`Model ${q} was trained without a validation set`);
      const file = onnxFileName(q);
      const onnx = exportOnnx(model, { metadata: { ...metadata, quantile: String(QUANTILES[q]) }, modelVersion: version, docString: `${metadata['model_id']} ${q}` });
      bytes.set(file, onnx);
      return [q, { file, alpha: QUANTILES[q], sha256: sha256(onnx), trees: model.trees.length, validLoss }];
    }),
  ) as ModelCard['models'];
  return { entries, bytes };
}

/** Pretty, with a final newline, in the card's own key order: the same card gives the same bytes. */
export const cardJson = (card: ModelCard): string => `${JSON.stringify(card, null, 2)}\n`;

/** `crypto-1h-h4` for version 1, `crypto-1h-h4@2` after, so versions sit side by side in one folder. */
export const modelSetDirName = (card: Pick<ModelCard, 'id' | 'version'>): string => (card.version === 1 ? card.id : `${card.id}@${card.version}`);

/** Writes the set into `<parent>/<dir name>/`, replacing files of the same names; returns the folder. */
export function writeModelSet(parent: string, set: ModelSet): string {
  const dir = join(parent, modelSetDirName(set.card));
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of set.files) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, CARD_FILE), cardJson(set.card));
  return dir;
}
