import type { ForecastMetrics } from '../registry/card-schema.ts';

/** Forecasts of held-out rows, each beside its target and what the naive baselines need. */
export interface ScoredRows {
  readonly y: ArrayLike<number>;
  readonly q10: ArrayLike<number>;
  readonly q50: ArrayLike<number>;
  readonly q90: ArrayLike<number>;
  /** The return over the previous horizon candles: its sign is the "last move continues" call. */
  readonly pastReturn: ArrayLike<number>;
  /** The median of the targets each row's models trained on: its sign is the "usual drift continues" call. */
  readonly trainingMedian: ArrayLike<number>;
  /** The baseline band for each row: the 10% and 90% quantiles of the targets its models trained on. */
  readonly bandLow: ArrayLike<number>;
  readonly bandHigh: ArrayLike<number>;
}

const NOMINAL_COVERAGE = 0.8;

/**
 * A direction call scores 1 when its sign is the target's, 0 when opposite, and 1/2 when either
 * is zero (or NaN): no call was made, or there was nothing to call. The zero-return forecast
 * therefore scores exactly 1/2, the coin a model must beat.
 */
export function directionScore(forecast: number, target: number): number {
  const f = Math.sign(forecast);
  const t = Math.sign(target);
  if (!f || !t) return 0.5;
  return f === t ? 1 : 0;
}

/** Pinball loss of a forecast of the alpha-quantile. */
export const pinball = (alpha: number, y: number, q: number): number => (y >= q ? alpha * (y - q) : (1 - alpha) * (q - y));

/** Mean absolute error of q50; sums in row order, so a recomputation in the same order gives the same bits. */
export function meanAbsoluteError(y: ArrayLike<number>, q50: ArrayLike<number>): number {
  let sum = 0;
  for (let r = 0; r < y.length; r++) sum += Math.abs(y[r]! - q50[r]!);
  return sum / y.length;
}

export function hitRate(y: ArrayLike<number>, q50: ArrayLike<number>): number {
  let sum = 0;
  for (let r = 0; r < y.length; r++) sum += directionScore(q50[r]!, y[r]!);
  return sum / y.length;
}

/** The model's figures and the baselines', and whether the model beat every baseline of each measure. */
export function scoreForecasts(rows: ScoredRows): ForecastMetrics {
  const { y, q10, q50, q90, pastReturn, trainingMedian, bandLow, bandHigh } = rows;
  const n = y.length;
  if (n === 0) throw new RangeError('Cannot score forecasts: no rows');
  let absTarget = 0;
  let lastSign = 0;
  let driftSign = 0;
  const inside = { model: 0, band: 0 };
  const width = { model: 0, band: 0 };
  const loss = { model: 0, band: 0 };
  for (let r = 0; r < n; r++) {
    const target = y[r]!;
    absTarget += Math.abs(target);
    lastSign += directionScore(pastReturn[r]!, target);
    driftSign += directionScore(trainingMedian[r]!, target);
    inside.model += target >= q10[r]! && target <= q90[r]! ? 1 : 0;
    inside.band += target >= bandLow[r]! && target <= bandHigh[r]! ? 1 : 0;
    width.model += q90[r]! - q10[r]!;
    width.band += bandHigh[r]! - bandLow[r]!;
    loss.model += (pinball(0.1, target, q10[r]!) + pinball(0.9, target, q90[r]!)) / 2;
    loss.band += (pinball(0.1, target, bandLow[r]!) + pinball(0.9, target, bandHigh[r]!)) / 2;
  }
  const mae = { model: meanAbsoluteError(y, q50), zeroReturn: absTarget / n };
  const hits = { model: hitRate(y, q50), zeroReturn: hitRate(y, new Float64Array(n)), lastReturnSign: lastSign / n, trainingMedianSign: driftSign / n };
  const coverage = { model: inside.model / n, empiricalBand: inside.band / n, nominal: NOMINAL_COVERAGE } as const;
  const pinballLoss = { model: loss.model / n, empiricalBand: loss.band / n };
  return {
    rows: n,
    mae,
    hitRate: hits,
    coverage,
    width: { model: width.model / n, empiricalBand: width.band / n },
    pinball: pinballLoss,
    beatsBaseline: {
      mae: mae.model < mae.zeroReturn,
      hitRate: hits.model > Math.max(hits.zeroReturn, hits.lastReturnSign, hits.trainingMedianSign),
      // Closer to the nominal 80%: too wide a band is as wrong as too narrow a one.
      coverage: Math.abs(coverage.model - NOMINAL_COVERAGE) < Math.abs(coverage.empiricalBand - NOMINAL_COVERAGE),
      pinball: pinballLoss.model < pinballLoss.empiricalBand,
    },
  };
}
