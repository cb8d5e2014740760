import { directionScore } from '../training/metrics.ts';

/** What a live forecast is scored on: the price it was made at, its quantiles (log returns), and what happened. */
export interface ScoredForecast {
  readonly price: number;
  readonly q10: number;
  readonly q50: number;
  readonly q90: number;
  readonly realisedPrice: number;
}

/**
 * Live accuracy over a set of resolved forecasts, on the same terms as the model card's
 * out-of-sample figures (models/training/metrics.ts), so the two can be read side by side:
 * - mae: mean |predicted price − realised price|, in the symbol's price;
 * - mape: mean |predicted − realised| / realised, a fraction;
 * - maeReturn: mean |ln(realised / price) − q50|, the card's MAE;
 * - hitRate: the predicted direction right (1), wrong (0), or either of them flat (½);
 * - coverage: the share of realised returns inside [q10, q90] (0.80 when the band is honest).
 * Null figures when there is nothing to score.
 */
export interface Accuracy {
  readonly n: number;
  readonly mae: number | null;
  readonly mape: number | null;
  readonly maeReturn: number | null;
  readonly hitRate: number | null;
  readonly coverage: number | null;
}

export const EMPTY_ACCURACY: Accuracy = { n: 0, mae: null, mape: null, maeReturn: null, hitRate: null, coverage: null };

/** One forecast's terms, summed by `accuracyOf`. */
function terms(f: ScoredForecast) {
  const predicted = f.price * Math.exp(f.q50);
  const realisedReturn = Math.log(f.realisedPrice / f.price);
  const error = Math.abs(predicted - f.realisedPrice);
  return { error, pct: error / f.realisedPrice, errorReturn: Math.abs(realisedReturn - f.q50), hit: directionScore(f.q50, realisedReturn), inside: realisedReturn >= f.q10 && realisedReturn <= f.q90 ? 1 : 0 };
}

export function accuracyOf(forecasts: readonly ScoredForecast[]): Accuracy {
  const n = forecasts.length;
  if (n === 0) return EMPTY_ACCURACY;
  let error = 0;
  let pct = 0;
  let errorReturn = 0;
  let hit = 0;
  let inside = 0;
  for (const f of forecasts) {
    const t = terms(f);
    error += t.error;
    pct += t.pct;
    errorReturn += t.errorReturn;
    hit += t.hit;
    inside += t.inside;
  }
  return { n, mae: error / n, mape: pct / n, maeReturn: errorReturn / n, hitRate: hit / n, coverage: inside / n };
}

/**
 * The accuracy after each forecast, over the `window` forecasts up to it (oldest first in, one
 * point per forecast out): the trend a chart draws. Recomputed per window: windows are at most
 * a few hundred forecasts, and a running sum would drift.
 */
export function rollingAccuracy<F extends ScoredForecast>(forecasts: readonly F[], window: number): (Accuracy & { readonly last: F })[] {
  return forecasts.map((last, i) => ({ ...accuracyOf(forecasts.slice(Math.max(0, i + 1 - window), i + 1)), last }));
}
