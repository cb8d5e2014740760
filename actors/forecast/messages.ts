import { z } from 'zod';
import { protocol } from '../../engine/index.ts';
import { timeframeSchema, type Timeframe } from '../../market/timeframes.ts';
import type { Accuracy } from '../../models/accuracy/index.ts';
import { FORECAST_CLASSES } from '../../models/registry/index.ts';
import { modelChoiceSchema } from '../../models/registry/index.ts';

export const forecasterProtocol = protocol({
  /**
   * A symbol closed a candle of its forecast timeframe: its close scores the forecasts whose
   * target has come, and its feature row (null while warming up) asks for a forecast.
   */
  closed: {
    symbol: z.string(),
    assetClass: z.enum(FORECAST_CLASSES),
    tf: timeframeSchema,
    openTime: z.number(),
    close: z.number(),
    features: z.array(z.number()).nullable(),
  },
  /** Sent to itself with the first row of a turn: every row that arrived before it is scored in one batch. */
  score: {},
  /** Ask: what is loaded and what has been done, for introspection and tests. */
  stats: {},
});

export const forecasterProps = z.object({
  /** The folder of model sets (each a subfolder with card.json and three .onnx files). */
  models: z.string().min(1),
  /** Which model serves a class and timeframe (`{ crypto: { '1h': 'crypto-1h-h4@1' } }`); default: the newest loaded. */
  choice: modelChoiceSchema.optional(),
  /** The SQLite file forecasts and their outcomes are kept in; none: they live in memory only. */
  db: z.string().min(1).optional(),
  /** How many of the latest outcomes the rolling accuracy of `outcome` events covers. */
  accuracyWindow: z.number().int().positive().default(100),
});
export type ForecasterProps = z.output<typeof forecasterProps>;

export type Direction = 'up' | 'down' | 'flat';

/** Published on `forecast.<SYMBOL>.<tf>` for each forecast made. Returns are simple returns; q10/q50/q90 log returns. */
export type ForecastMsg = {
  readonly type: 'forecast';
  readonly symbol: string;
  readonly tf: Timeframe;
  readonly horizon: number;
  /** `crypto-1h-h4@1`. */
  readonly model: string;
  readonly modelId: string;
  readonly modelVersion: number;
  /** The candle the forecast was made at the close of. */
  readonly openTime: number;
  readonly madeAt: number;
  /** When the forecast comes true or not: the close of candle t + horizon, had the market no gaps. */
  readonly targetTime: number;
  readonly price: number;
  readonly predictedPrice: number;
  readonly predictedReturn: number;
  /** The 10–90% interval, as prices. */
  readonly low: number;
  readonly high: number;
  readonly q10: number;
  readonly q50: number;
  readonly q90: number;
  /** 0..1: how narrow the band is against the one recent volatility alone would draw (0.5: as wide). */
  readonly confidence: number;
  readonly direction: Direction;
};

/** Published on `outcome.<SYMBOL>.<tf>` when a forecast's target time has passed. */
export type OutcomeMsg = {
  readonly type: 'outcome';
  readonly symbol: string;
  readonly tf: Timeframe;
  readonly model: string;
  readonly openTime: number;
  readonly targetTime: number;
  readonly price: number;
  readonly predictedPrice: number;
  readonly low: number;
  readonly high: number;
  readonly realisedTime: number;
  readonly realisedPrice: number;
  /** The target candle did not trade (a gap): the price is the last one before it, and is not scored. */
  readonly synthetic: boolean;
  /** Over the symbol's last `accuracyWindow` scored outcomes of this model, this one included. */
  readonly accuracy: Accuracy;
};

export interface ForecasterStats {
  readonly models: readonly string[];
  readonly refused: readonly string[];
  /** Class and timeframe pairs rows arrived for with no model to serve them, and why. */
  readonly unserved: Readonly<Record<string, string>>;
  readonly forecasts: number;
  readonly batches: number;
  readonly largestBatch: number;
  readonly outcomes: number;
  readonly pending: number;
}
