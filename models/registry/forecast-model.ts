import type { OnnxRegressor } from '../onnx/session.ts';
import { modelRef, QUANTILE_NAMES, type ModelCard, type QuantileName } from './card-schema.ts';
import { orderQuantiles } from './quantile-order.ts';

/** One forecast per row: the median log return over the horizon and its 10–90% band. */
export type QuantileForecast = Readonly<Record<QuantileName, Float32Array>>;

/**
 * A loaded model set: its card and the three ONNX sessions. Built by loadModelSet, which has
 * checked the card, the files' hashes and the feature signature first.
 */
export class ForecastModel {
  constructor(
    readonly card: ModelCard,
    private readonly sessions: Readonly<Record<QuantileName, OnnxRegressor>>,
  ) {}

  /** `crypto-1h-h4@1`. */
  get ref(): string {
    return modelRef(this.card);
  }

  /** Columns per row: the card's feature names, in order. */
  get nFeatures(): number {
    return this.card.features.names.length;
  }

  /**
   * Forecasts every row of a row-major float32 batch (one row per symbol, built by a
   * FeatureBuilder of the card's spec; NaN for a feature still warming up), synchronously; the
   * result is rearranged so q10 ≤ q50 ≤ q90 on every row.
   */
  predict(batch: Float32Array): QuantileForecast {
    if (batch.length % this.nFeatures !== 0) throw new RangeError(`Cannot forecast with ${this.ref}: a batch of ${batch.length} values is not whole rows of ${this.nFeatures} features`);
    const { q10, q50, q90 } = this.sessions;
    const forecast = { q10: q10.run(batch), q50: q50.run(batch), q90: q90.run(batch) };
    orderQuantiles(forecast.q10, forecast.q50, forecast.q90);
    return forecast;
  }

  release(): void {
    for (const q of QUANTILE_NAMES) this.sessions[q].release();
  }
}
