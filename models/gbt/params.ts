import { z } from 'zod';

/**
 * Training parameters. They arrive from a CLI or a config file, so they are parsed here, once,
 * with messages that name the parameter, the allowed range and the value given.
 */

const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** A number in a range; `integer` refuses fractions, `above`/`below` make a bound exclusive. */
const numberIn = (name: string, min: number, max: number, { integer = false, above = false, below = false } = {}) => {
  const what = `${integer ? 'an integer' : 'a number'} ${above ? '>' : '>='} ${min} and ${below ? '<' : '<='} ${max}`;
  return z
    .number({ error: (iss) => `${name} must be ${what}, was ${shown(iss.input)}` })
    .refine((v) => (above ? v > min : v >= min) && (below ? v < max : v <= max) && (!integer || Number.isInteger(v)), {
      error: (iss) => `${name} must be ${what}, was ${shown(iss.input)}`,
    });
};

const lossSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('squared') }),
    // alpha is the quantile forecast: 0.1, 0.5 and 0.9 give the lower band, the median and the upper band.
    z.strictObject({ kind: z.literal('quantile'), alpha: numberIn('loss.alpha', 0, 1, { above: true, below: true }) }),
  ],
  { error: (iss) => `loss.kind must be "squared" or "quantile", was ${shown((iss.input as { kind?: unknown } | undefined)?.kind)}` },
);

export const gbtParamsSchema = z.strictObject(
  {
  loss: lossSchema,
  // Shrinkage: each tree's leaves are multiplied by it; smaller needs more trees but overfits less.
  learningRate: numberIn('learningRate', 0, 1, { above: true }),
  maxDepth: numberIn('maxDepth', 1, 16, { integer: true }),
  minLeaf: numberIn('minLeaf', 1, 1_000_000, { integer: true }).default(20),
  maxTrees: numberIn('maxTrees', 1, 10_000, { integer: true }),
  // Fraction of training rows each tree sees, drawn from the seeded generator; 1 draws nothing.
  rowSubsample: numberIn('rowSubsample', 0, 1, { above: true }).default(1),
  // Stop when the valid loss has not improved for this many trees, and keep the best prefix.
  earlyStoppingRounds: numberIn('earlyStoppingRounds', 1, 10_000, { integer: true }).optional(),
  // 255 value bins fit a Uint8Array next to the missing-value bin.
  maxBins: numberIn('maxBins', 2, 255, { integer: true }).default(255),
  seed: numberIn('seed', 0, 0xffffffff, { integer: true }).default(1),
  },
  { error: (iss) => `params must be an object, was ${shown(iss.input)}` },
);

export type GbtParamsInput = z.input<typeof gbtParamsSchema>;
export type GbtParams = z.output<typeof gbtParamsSchema>;
export type Loss = GbtParams['loss'];

export class GbtParamsError extends Error {
  override name = 'GbtParamsError';
}

/** Parses untrusted parameters, or throws a GbtParamsError listing every problem. */
export function parseGbtParams(input: unknown): GbtParams {
  const parsed = gbtParamsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown parameter ${i.keys.map((k) => `"${[...i.path, k].join('.')}"`).join(', ')}` : i.message));
  throw new GbtParamsError(`Invalid GBT params: ${problems.join('; ')}`);
}
