import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureSpecFor } from '../features/spec.ts';
import { checkFeatureSignature } from '../features/version.ts';
import { readOnnxMetadata } from '../onnx/metadata.ts';
import { OnnxModelError } from '../onnx/onnx-model-error.ts';
import { loadOnnxRegressor, type OnnxLoadOptions, type OnnxRegressor } from '../onnx/session.ts';
import { modelCardSchema, modelRef, QUANTILE_NAMES, type ModelCard, type QuantileName } from './card-schema.ts';
import { ForecastModel } from './forecast-model.ts';

/** A model set that must not serve; the message names the folder and what is wrong with it. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/**
 * Loads `<dir>/card.json` and its three ONNX files, refusing the set (ModelLoadError) when the
 * card is malformed, when it was trained on features this code no longer computes, when a
 * file's sha256 is not the card's (changed after training), or when onnxruntime cannot load a
 * file. Checked in that order, cheapest first; no session is left open on a refusal.
 */
export function loadModelSet(dir: string, options: OnnxLoadOptions = {}): ForecastModel {
  const refuse: Refuse = (reason, cause) => new ModelLoadError(`Refusing model set ${dir}: ${reason}`, { cause });
  const card = readCard(dir, refuse);
  const ref = modelRef(card);
  const signature = checkFeatureSignature(card.features, featureSpecFor(card.tf));
  if (!signature.ok) throw refuse(`${ref} does not match the ${card.tf} features of this code: ${signature.reason}`);

  const bytes = QUANTILE_NAMES.map((q) => {
    const { file, sha256 } = card.models[q];
    const data = readBytes(join(dir, file), refuse);
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== sha256) throw refuse(`${file} has sha256 ${actual}, card.json says ${sha256}: the file changed after training`);
    return data;
  });

  const sessions: OnnxRegressor[] = [];
  try {
    for (const [i, q] of QUANTILE_NAMES.entries()) sessions.push(openSession(card, q, bytes[i]!, options, refuse));
  } catch (error) {
    for (const s of sessions) s.release();
    throw error;
  }
  const [q10, q50, q90] = sessions as [OnnxRegressor, OnnxRegressor, OnnxRegressor];
  return new ForecastModel(card, { q10, q50, q90 });
}

type Refuse = (reason: string, cause?: unknown) => ModelLoadError;

/** One quantile's session; the file must load, hold that quantile of this model and read the card's features. */
function openSession(card: ModelCard, q: QuantileName, bytes: Uint8Array, options: OnnxLoadOptions, refuse: Refuse): OnnxRegressor {
  const { file, alpha } = card.models[q];
  let session: OnnxRegressor;
  let metadata: Record<string, string>;
  try {
    session = loadOnnxRegressor(bytes, options);
    metadata = readOnnxMetadata(bytes);
  } catch (error) {
    if (error instanceof OnnxModelError) throw refuse(`${file}: ${error.message}`, error);
    throw error;
  }
  // The file's own record of what it is must be the card's: a card edited to describe other files fails here.
  const expected: Record<string, string> = { model_id: card.id, asset_class: card.class, timeframe: card.tf, horizon: String(card.horizon), quantile: String(alpha) };
  const differs = Object.keys(expected).filter((key) => metadata[key] !== expected[key]);
  const problem =
    differs.length > 0
      ? `${file} holds ${differs.map((k) => `${k} ${metadata[k]}`).join(', ')}, card.json says ${differs.map((k) => `${k} ${expected[k]}`).join(', ')}`
      : session.nFeatures !== card.features.names.length
        ? `${file} reads ${session.nFeatures} features, card.json lists ${card.features.names.length}`
        : undefined;
  if (problem === undefined) return session;
  session.release();
  throw refuse(problem);
}

function readCard(dir: string, refuse: Refuse): ModelCard {
  const text = new TextDecoder().decode(readBytes(join(dir, 'card.json'), refuse));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw refuse(`card.json is not JSON: ${(error as Error).message}`, error);
  }
  const parsed = modelCardSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(card)'}: ${i.message}`);
    throw refuse(`card.json is not a model card: ${issues.join('; ')}`);
  }
  return parsed.data;
}

function readBytes(path: string, refuse: Refuse): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw refuse(`cannot read ${path}: ${(error as Error).message}`, error);
  }
}
