import { forecastMsgOf } from '../../actors/forecast/forecast-event.ts';
import type { ForecastMsg } from '../../actors/forecast/index.ts';
import { timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import { accuracyOf, rollingAccuracy, type Accuracy } from '../../models/accuracy/index.ts';
import type { StoredForecast } from '../../storage/sqlite/index.ts';
import type { CandleHistory } from '../routes/history.ts';

/** A point of the forecast path: the median price and the 10–90% band at one candle's close. */
export interface PathPoint {
  readonly time: number;
  readonly price: number;
  readonly low: number;
  readonly high: number;
}

export interface ForecastBody {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly forecast: Omit<ForecastMsg, 'type'>;
  /** The closed candles up to the forecast, oldest first: what the path continues. */
  readonly candles: { time: number; open: number; high: number; low: number; close: number; volume: number }[];
  readonly path: PathPoint[];
}

/**
 * The path from the price the forecast was made at to its target, one point per candle. The
 * model forecasts the target only; in between, the median moves linearly in log price and the
 * band's distance from it grows with √t, as a random walk's does, so the last point is exactly
 * the model's q10/q50/q90.
 */
export function forecastPath(f: Pick<ForecastMsg, 'madeAt' | 'horizon' | 'tf' | 'price' | 'q10' | 'q50' | 'q90'>): PathPoint[] {
  const step = timeframeMs(f.tf);
  return Array.from({ length: f.horizon + 1 }, (_, k) => {
    const t = k / f.horizon;
    const mid = f.q50 * t;
    const spread = Math.sqrt(t);
    return { time: f.madeAt + k * step, price: f.price * Math.exp(mid), low: f.price * Math.exp(mid + (f.q10 - f.q50) * spread), high: f.price * Math.exp(mid + (f.q90 - f.q50) * spread) };
  });
}

/** The symbol's latest forecast on `tf` with its chart data; null when none is stored. */
export function forecastBody(history: CandleHistory, symbol: string, tf: Timeframe, candles: number): ForecastBody | null {
  const [latest] = history.forecasts().recent(symbol, tf, { limit: 1 });
  if (!latest) return null;
  const forecast = forecastMsgOf(latest);
  const { type: _type, ...fields } = forecast;
  const before = history.candles(symbol, tf, { to: latest.madeAt, limit: candles });
  return {
    symbol,
    timeframe: tf,
    forecast: fields,
    candles: before.map((c) => ({ time: c.openTime, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume })),
    path: forecastPath(forecast),
  };
}

type Figures = Omit<Accuracy, 'n'> & { readonly n: number };

export interface ModelTrends {
  readonly model: string;
  /** Over the last `window` scored outcomes. */
  readonly accuracy: Accuracy;
  /** The rolling accuracy after each of the last `limit` scored outcomes, oldest first. */
  readonly trend: (Figures & { readonly time: number })[];
  /** Per UTC day of the target time, over the outcomes read (`limit` + `window` − 1 at most). */
  readonly daily: (Figures & { readonly day: string })[];
  /** Prediction against what happened for the last `limit` forecasts, oldest first; open ones have no realised price yet. */
  readonly history: {
    readonly openTime: number;
    readonly madeAt: number;
    readonly targetTime: number;
    readonly price: number;
    readonly predictedPrice: number;
    readonly low: number;
    readonly high: number;
    readonly realisedPrice: number | null;
    readonly synthetic: boolean;
  }[];
}

export interface TrendsBody {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly window: number;
  /** Synthetic outcomes (a target inside a halt) are listed in the history, never scored. */
  readonly models: ModelTrends[];
}

const scored = (f: StoredForecast) => f.realisedPrice !== null && !f.synthetic;
const withRealised = (f: StoredForecast) => ({ ...f, realisedPrice: f.realisedPrice! });

/** Live accuracy of every model that forecast the symbol on `tf`, newest model first. */
export function trendsBody(history: CandleHistory, symbol: string, tf: Timeframe, options: { window: number; limit: number }): TrendsBody {
  const store = history.forecasts();
  const models = store.models(symbol, tf).map((model): ModelTrends => {
    const outcomes = store
      .recent(symbol, tf, { model, limit: options.limit + options.window - 1, resolvedOnly: true })
      .filter(scored)
      .reverse()
      .map(withRealised);
    const rolling = rollingAccuracy(outcomes, options.window).slice(-options.limit);
    const byDay = Map.groupBy(outcomes, (f) => new Date(f.targetTime).toISOString().slice(0, 10));
    const recent = store.recent(symbol, tf, { model, limit: options.limit }).reverse();
    return {
      model,
      accuracy: accuracyOf(outcomes.slice(-options.window)),
      trend: rolling.map(({ last, ...figures }) => ({ time: last.targetTime, ...figures })),
      daily: [...byDay].map(([day, fs]) => ({ day, ...accuracyOf(fs) })),
      history: recent.map((f) => {
        const m = forecastMsgOf(f);
        return { openTime: f.openTime, madeAt: f.madeAt, targetTime: f.targetTime, price: f.price, predictedPrice: m.predictedPrice, low: m.low, high: m.high, realisedPrice: f.realisedPrice, synthetic: f.synthetic };
      }),
    };
  });
  return { symbol, timeframe: tf, window: options.window, models };
}
