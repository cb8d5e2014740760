import { createHash } from 'node:crypto';
import { z } from 'zod';
import { featureNames, featureSpecSchema, parseFeatureSpec, type FeatureSpec } from './spec.ts';

/**
 * Bumped whenever a feature's definition changes while its name and parameters do not (a
 * formula, a convention such as n - 1, an indicator's seeding): the names alone would then
 * still match, and a model would silently read inputs it was not trained on.
 */
export const FEATURE_DEFINITIONS_REVISION = 1;

/**
 * The version of a feature set: the revision and a short SHA-256 of the column names and the
 * full spec, e.g. `features.r1.3f2a9c01be47`. Two builders agree on every column iff their
 * versions are equal.
 */
export function featureVersion(spec: FeatureSpec): string {
  // Parsing rebuilds the spec in the schema's key order, so the JSON is the same however the caller wrote it.
  const canonical = JSON.stringify({ revision: FEATURE_DEFINITIONS_REVISION, names: featureNames(spec), spec: parseFeatureSpec(spec) });
  return `features.r${FEATURE_DEFINITIONS_REVISION}.${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
}

/** What a model card records about its inputs. */
export const featureSignatureSchema = z.object({
  version: z.string(),
  names: z.array(z.string()).readonly(),
  spec: featureSpecSchema,
});
export type FeatureSignature = z.infer<typeof featureSignatureSchema>;

export const featureSignature = (spec: FeatureSpec): FeatureSignature => ({ version: featureVersion(spec), names: featureNames(spec), spec });

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Whether a model that recorded `recorded` (read from its card: untrusted) can be served by
 * features built with `spec`. A mismatch is an expected outcome (an old model on disk), so it
 * is returned with a reason the loader can log, not thrown.
 */
export function checkFeatureSignature(recorded: unknown, spec: FeatureSpec): SignatureCheck {
  const parsed = featureSignatureSchema.safeParse(recorded);
  if (!parsed.success) return { ok: false, reason: `the model's feature signature is malformed: ${parsed.error.issues[0]?.message}` };
  const model = parsed.data;
  const serving = featureSignature(spec);
  const differs = model.names.length !== serving.names.length || model.names.some((name, i) => name !== serving.names[i]);
  if (differs) return { ok: false, reason: `the model reads [${model.names.join(', ')}], the features are [${serving.names.join(', ')}]` };
  if (model.version !== serving.version) {
    return { ok: false, reason: `the model was trained on features ${model.version}, these are ${serving.version} (same names, different definitions)` };
  }
  return { ok: true };
}
