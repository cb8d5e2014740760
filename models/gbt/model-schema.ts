import { z } from 'zod';
import { MODEL_FORMAT, type Model, type Tree } from './model.ts';
import { gbtParamsSchema } from './params.ts';

/**
 * Reading a model back from JSON (a model card, a file): a trust boundary, so the shape is
 * checked, and so is what `predict` relies on to terminate and stay in bounds: children after
 * their parent, features within the row, float32 numbers.
 */

const float32 = z.number().refine((v) => Number.isFinite(v) && Math.fround(v) === v, { error: (iss) => `must be a finite float32 value, was ${String(iss.input)}` });
const index = z.number().int();

const treeSchema = z.strictObject({
  feature: z.array(index.min(-1)).min(1),
  threshold: z.array(float32),
  left: z.array(index.min(-1)),
  right: z.array(index.min(-1)),
  value: z.array(float32),
});

const modelSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  loss: gbtParamsSchema.shape.loss,
  nFeatures: index.min(1),
  featureNames: z.array(z.string().min(1)),
  baseScore: float32,
  trees: z.array(treeSchema),
});

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

/** Parses untrusted JSON into a Model, or throws a ModelFormatError saying what is wrong and where. */
export function parseModel(json: unknown): Model {
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'model'}: ${i.message}`);
    throw new ModelFormatError(`Invalid gbt model: ${problems.join('; ')}`);
  }
  const model = parsed.data;
  if (model.featureNames.length !== model.nFeatures) throw new ModelFormatError(`Invalid gbt model: ${model.featureNames.length} feature names for ${model.nFeatures} features`);
  model.trees.forEach((tree, t) => checkTree(tree, t, model.nFeatures));
  return model;
}

function checkTree(tree: Tree, t: number, nFeatures: number): void {
  const n = tree.feature.length;
  const fail = (why: string) => {
    throw new ModelFormatError(`Invalid gbt model: tree ${t} ${why}`);
  };
  if ([tree.threshold, tree.left, tree.right, tree.value].some((a) => a.length !== n)) fail('has node arrays of different lengths');
  for (let node = 0; node < n; node++) {
    const f = tree.feature[node]!;
    if (f < 0) continue;
    if (f >= nFeatures) fail(`node ${node} splits on feature ${f}, the model has ${nFeatures}`);
    for (const child of [tree.left[node]!, tree.right[node]!]) {
      // Children after their parent: every walk from the root moves forward, so it ends.
      if (child <= node || child >= n) fail(`node ${node} has child ${child}, expected one in ${node + 1}..${n - 1}`);
    }
  }
}
