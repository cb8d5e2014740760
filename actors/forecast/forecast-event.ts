import { timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import type { ForecastModel } from '../../models/registry/index.ts';
import type { ForecastRecord } from '../../storage/sqlite/index.ts';
import type { Direction, ForecastMsg } from './messages.ts';

/** The z of the normal's 90% quantile: the 10–90% band of N(0, σ²) is ±1.2816 σ. */
const Z90 = 1.2815515655446004;

/**
 * 0..1 from the band's width against the width recent volatility alone gives the same horizon
 * (the normal 10–90% band of the last 24 candles' σ, times √h): naive / (naive + band). As wide:
 * 0.5; half as wide: 0.67; twice: 0.33. The model's band is calibrated on its evaluation period
 * (the card's coverage), so a narrower band than volatility's is information, not bravado.
 */
export function confidenceOf(q10: number, q90: number, volatility: number, horizon: number): number {
  const naive = 2 * Z90 * volatility * Math.sqrt(horizon);
  const band = q90 - q10;
  if (!(naive > 0)) return 0;
  return naive / (naive + Math.max(0, band));
}

const directionOf = (q50: number): Direction => (q50 > 0 ? 'up' : q50 < 0 ? 'down' : 'flat');

/** What a row of a batch needs besides its quantiles. */
export interface ScoredRow {
  readonly symbol: string;
  readonly tf: Timeframe;
  readonly openTime: number;
  readonly close: number;
  /** The 24-candle realised volatility, one of the row's own features. */
  readonly volatility: number;
}

export function forecastOf(row: ScoredRow, model: ForecastModel, q10: number, q50: number, q90: number): { record: ForecastRecord; msg: ForecastMsg } {
  const { card } = model;
  const tfMs = timeframeMs(row.tf);
  const madeAt = row.openTime + tfMs;
  const targetTime = madeAt + card.horizon * tfMs;
  const confidence = confidenceOf(q10, q90, row.volatility, card.horizon);
  const record: ForecastRecord = {
    symbol: row.symbol,
    tf: row.tf,
    model: model.ref,
    openTime: row.openTime,
    madeAt,
    horizon: card.horizon,
    targetTime,
    price: row.close,
    q10,
    q50,
    q90,
    confidence,
    synthetic: false,
  };
  return { record, msg: forecastMsgOf(record) };
}

/** The event of a forecast, also of one read back from SQLite (the edge serves those). */
export function forecastMsgOf(f: ForecastRecord): ForecastMsg {
  const at = f.model.lastIndexOf('@'); // modelRef: `${id}@${version}`
  return {
    type: 'forecast',
    symbol: f.symbol,
    tf: f.tf,
    horizon: f.horizon,
    model: f.model,
    modelId: f.model.slice(0, at),
    modelVersion: Number(f.model.slice(at + 1)),
    openTime: f.openTime,
    madeAt: f.madeAt,
    targetTime: f.targetTime,
    price: f.price,
    predictedPrice: f.price * Math.exp(f.q50),
    predictedReturn: Math.expm1(f.q50),
    low: f.price * Math.exp(f.q10),
    high: f.price * Math.exp(f.q90),
    q10: f.q10,
    q50: f.q50,
    q90: f.q90,
    confidence: f.confidence,
    direction: directionOf(f.q50),
  };
}
