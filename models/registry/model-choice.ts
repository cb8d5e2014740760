import { z } from 'zod';
import { TIMEFRAMES, timeframeSchema } from '../../market/timeframes.ts';
import { FORECAST_CLASSES } from './card-schema.ts';

/**
 * Which model set serves each class and timeframe, e.g. `{ crypto: { '1h': 'crypto-1h-h4@1' } }`.
 * A class and timeframe left out are served by the newest set loaded for them (see chooseModel),
 * so the config only pins what must not change when a new set is shipped.
 */
export const modelChoiceSchema = z
  .partialRecord(
    z.enum(FORECAST_CLASSES),
    z.partialRecord(
      timeframeSchema,
      z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*@[1-9]\d*$/, { error: (i) => `a model is named id@version, e.g. crypto-1h-h4@1, got ${JSON.stringify(i.input)}` }),
    ),
  )
  .default({});
export type ModelChoice = z.output<typeof modelChoiceSchema>;

/** Parses a config's model choice; throws an Error naming every bad entry. */
export function parseModelChoice(input: unknown): ModelChoice {
  const parsed = modelChoiceSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new Error(`Invalid model choice: ${parsed.error.issues.map(describe).join('; ')}`);
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const [cls] = issue.path;
  const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
  return cls === undefined ? `unknown class ${keys}; classes are ${FORECAST_CLASSES.join(', ')}` : `unknown timeframe ${keys} for ${String(cls)}; timeframes are ${TIMEFRAMES.join(', ')}`;
}
