import { z } from 'zod';
import { INDICATOR_COLUMNS } from '../../market/indicators/index.ts';
import { timeframeMs, timeframeSchema } from '../../market/timeframes.ts';
import type { CandleEvent, ForecastEvent, IndicatorsEvent } from '../../strategies/strategy.ts';

/**
 * The checks a handler makes of what it reads from a topic: a message from another worker was
 * checked against the protocol at the boundary, but one from the same worker was not, and its
 * nested parts never are. Each answers the event, or a string saying what was wrong.
 */

const finite = z.number().finite();
const candleSchema = z.looseObject({ tf: timeframeSchema, openTime: finite, open: finite, high: finite, low: finite, close: finite, volume: finite });

export function checkCandle(symbol: string, candle: unknown): CandleEvent | string {
  const r = candleSchema.safeParse(candle);
  if (!r.success) return `bad candle of ${symbol}: ${z.prettifyError(r.error).replaceAll('\n', ' ')}`;
  const c = r.data;
  if (!(c.low <= Math.min(c.open, c.close) && c.high >= Math.max(c.open, c.close)) || c.low <= 0) return `bad candle of ${symbol} at ${c.openTime}: prices out of order or not positive`;
  const bar = { openTime: c.openTime, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
  return { symbol, tf: c.tf, candle: bar, time: c.openTime + timeframeMs(c.tf) };
}

const rowSchema = z.object(Object.fromEntries(INDICATOR_COLUMNS.map((c) => [c, finite.nullable()])));

export function checkIndicators(m: { symbol: string; tf: string; openTime: number; values: unknown }): IndicatorsEvent | string {
  const tf = timeframeSchema.safeParse(m.tf);
  if (!tf.success) return `bad indicators of ${m.symbol}: ${tf.error.issues[0]!.message}`;
  const values = rowSchema.safeParse(m.values);
  if (!values.success || !Number.isFinite(m.openTime)) return `bad indicators of ${m.symbol} ${m.tf}: ${values.success ? 'openTime is not finite' : z.prettifyError(values.error).replaceAll('\n', ' ')}`;
  return { symbol: m.symbol, tf: tf.data, openTime: m.openTime, time: m.openTime + timeframeMs(tf.data), values: values.data as IndicatorsEvent['values'] };
}

const forecastSchema = z.looseObject({
  symbol: z.string(),
  tf: timeframeSchema,
  model: z.string(),
  horizon: z.number().int().positive(),
  openTime: finite,
  madeAt: finite,
  targetTime: finite,
  price: finite.positive(),
  predictedPrice: finite,
  predictedReturn: finite,
  low: finite,
  high: finite,
  confidence: finite.min(0).max(1),
  direction: z.enum(['up', 'down', 'flat']),
});

export function checkForecast(m: unknown): ForecastEvent | string {
  const r = forecastSchema.safeParse(m);
  if (!r.success) return `bad forecast: ${z.prettifyError(r.error).replaceAll('\n', ' ')}`;
  const f = r.data;
  return { symbol: f.symbol, tf: f.tf, model: f.model, horizon: f.horizon, openTime: f.openTime, madeAt: f.madeAt, targetTime: f.targetTime, price: f.price, predictedPrice: f.predictedPrice, predictedReturn: f.predictedReturn, low: f.low, high: f.high, confidence: f.confidence, direction: f.direction };
}

const orderSchema = z.looseObject({ client_order_id: z.string(), symbol: z.string(), side: z.enum(['buy', 'sell']) });

/** The part of a trade update's order (Alpaca JSON) the strategy reads. */
export function checkOrder(order: unknown): z.infer<typeof orderSchema> | string {
  const r = orderSchema.safeParse(order);
  return r.success ? r.data : `bad trade update: ${z.prettifyError(r.error).replaceAll('\n', ' ')}`;
}
