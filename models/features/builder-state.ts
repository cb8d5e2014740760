import { z } from 'zod';
import type { AtrState, BollingerState, EmaState, MacdState, RsiState, SmaState } from '../../market/indicators/index.ts';
import type { RingWindowState } from '../../market/indicators/ring-window.ts';
import type { FeatureSpec } from './spec.ts';

/**
 * Everything a FeatureBuilder carries between candles, as plain JSON: a symbol actor persists
 * it and resumes exactly. The version guards against resuming with other feature code; each
 * window and indicator validates its own part when restored.
 */
export const featureBuilderStateSchema = z.object({
  version: z.string(),
  spec: z.unknown(),
  bars: z.number().int().min(0),
  lastOpenTime: z.number().nullable(),
  closes: z.unknown(),
  returns: z.array(z.unknown()),
  logVolumes: z.unknown(),
  rsi: z.unknown(),
  macd: z.unknown(),
  bollinger: z.unknown(),
  atr: z.unknown(),
  sma: z.unknown(),
  ema: z.unknown(),
});

export interface FeatureBuilderState {
  readonly version: string;
  readonly spec: FeatureSpec;
  /** Candles fed so far. */
  readonly bars: number;
  readonly lastOpenTime: number | null;
  readonly closes: RingWindowState;
  /** One window per volatility, in spec order. */
  readonly returns: readonly RingWindowState[];
  readonly logVolumes: RingWindowState;
  readonly rsi: RsiState;
  readonly macd: MacdState;
  readonly bollinger: BollingerState;
  readonly atr: AtrState;
  readonly sma: SmaState;
  readonly ema: EmaState;
}
