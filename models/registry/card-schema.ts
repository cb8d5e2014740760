import { z } from 'zod';
import { timeframeSchema } from '../../market/timeframes.ts';
import { featureSignatureSchema } from '../features/version.ts';

/**
 * card.json: what a model set is, what it was trained on and how well it did against naive
 * baselines. The training pipeline writes it; the registry parses it here, because a card on
 * disk is untrusted (edited by hand, written by an older Tickflow).
 */

export const CARD_FORMAT = 'tickflow-model-card/1';

/** The asset classes Tickflow trains forecasts for (macro series publish too rarely). */
export const FORECAST_CLASSES = ['crypto', 'stock'] as const;
export type ForecastClass = (typeof FORECAST_CLASSES)[number];

/** The three forecasts of a set: the median and the ends of the 10–90% band. */
export const QUANTILES = { q10: 0.1, q50: 0.5, q90: 0.9 } as const;
export type QuantileName = keyof typeof QUANTILES;
export const QUANTILE_NAMES = Object.keys(QUANTILES) as QuantileName[];

const count = z.number().int().min(0);
const fraction = z.number().min(0).max(1);
const time = z.iso.datetime();

const periodSchema = z.strictObject({ first: time, last: time, rows: count });

/** One evaluation of the forecasts on held-out rows, beside the naive baselines. */
export const metricsSchema = z.strictObject({
  rows: count,
  /** Mean |y − q50| of the log return; the baseline forecasts a zero return (MAE = mean |y|). */
  mae: z.strictObject({ model: z.number(), zeroReturn: z.number() }),
  /**
   * Share of rows whose sign was called right; a zero forecast or a zero return scores 1/2.
   * Baselines: zero return (always 1/2), the sign of the previous `horizon` candles' return, and
   * the sign of the training targets' median (a constant call: "up" through a bull market).
   */
  hitRate: z.strictObject({ model: fraction, zeroReturn: fraction, lastReturnSign: fraction, trainingMedianSign: fraction }),
  /** Share of targets inside [q10, q90] (0.8 is right), against the training targets' own 10–90% band. */
  coverage: z.strictObject({ model: fraction, empiricalBand: fraction, nominal: z.literal(0.8) }),
  /** Mean q90 − q10: a band is only useful if it is narrow for its coverage. */
  width: z.strictObject({ model: z.number(), empiricalBand: z.number() }),
  /** Mean pinball loss of the two band ends (a proper score: rewards coverage and width together). */
  pinball: z.strictObject({ model: z.number(), empiricalBand: z.number() }),
  /** Whether the model did better than every baseline of that measure on these rows; false is reported, not hidden. */
  beatsBaseline: z.strictObject({ mae: z.boolean(), hitRate: z.boolean(), coverage: z.boolean(), pinball: z.boolean() }),
});
export type ForecastMetrics = z.infer<typeof metricsSchema>;

const modelFileSchema = z.strictObject({
  file: z.string().regex(/^q\d\d\.onnx$/),
  alpha: fraction,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'sha256 must be 64 lower-case hex digits' }),
  trees: count,
  /** Mean pinball loss on the validation split at the kept tree count. */
  validLoss: z.number(),
});

const foldSchema = z.strictObject({
  fold: z.number().int().min(1),
  /** The rows the fold's models learnt from (everything before the fold, less the gap) and were scored on. */
  train: periodSchema,
  validation: periodSchema,
  evaluation: periodSchema,
  trees: z.strictObject({ q10: count, q50: count, q90: count }),
  metrics: metricsSchema,
});

export const modelCardSchema = z.strictObject({
  format: z.literal(CARD_FORMAT),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'id must be lower-case words joined by "-", e.g. crypto-1h-h4' }),
  version: z.number().int().min(1),
  class: z.enum(FORECAST_CLASSES),
  tf: timeframeSchema,
  horizon: z.number().int().min(1),
  target: z.string(),
  features: featureSignatureSchema,
  symbols: z.array(z.string()).min(1),
  /** Every pooled row with a target, before the split. */
  data: periodSchema,
  split: z.strictObject({
    rule: z.string(),
    evaluationShare: fraction,
    validationShareOfPast: fraction,
    folds: z.number().int().min(1),
    /** The shipped models' training rows: the shipped files learnt from these and nothing later. */
    train: periodSchema,
    /** Only used to decide when to stop adding trees. */
    validation: periodSchema,
    /** Never seen by the shipped models; `metrics.overall` is measured here. */
    evaluation: periodSchema,
    /** Rows left out because their target reaches past the start of the next split. */
    gapRows: count,
  }),
  params: z.strictObject({
    learningRate: z.number(),
    maxDepth: count,
    minLeaf: count,
    maxTrees: count,
    rowSubsample: z.number(),
    earlyStoppingRounds: count,
    maxBins: count,
  }),
  seed: z.number().int().min(0),
  models: z.strictObject({ q10: modelFileSchema, q50: modelFileSchema, q90: modelFileSchema }),
  metrics: z.strictObject({
    /** The shipped models on the whole evaluation period. */
    overall: metricsSchema,
    /** The walk-forward folds' forecasts pooled: each row forecast by models trained on everything before its fold. */
    walkForward: metricsSchema,
    folds: z.array(foldSchema).min(1),
  }),
  /** The command that writes this set again, byte for byte. */
  reproduce: z.string(),
});
export type ModelCard = z.infer<typeof modelCardSchema>;
export type CardPeriod = z.infer<typeof periodSchema>;
export type CardFold = z.infer<typeof foldSchema>;

/** `crypto-1h-h4@1`: how configs and logs name one model set. */
export const modelRef = (card: Pick<ModelCard, 'id' | 'version'>): string => `${card.id}@${card.version}`;
