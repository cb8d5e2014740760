import { createRoute, z } from '@hono/zod-openapi';
import { forecastTimeframe } from '../../actors/market.ts';
import type { Instrument } from '../../market/instruments/index.ts';
import type { Timeframe } from '../../market/timeframes.ts';
import { forecastBody, trendsBody } from '../forecasts/bodies.ts';
import { TimeframeSchema } from '../openapi/schemas.ts';
import { ProblemError } from '../problem.ts';
import type { CandleHistory } from './history.ts';
import { instrumentOf, type LookupDeps } from './lookup.ts';
import { SymbolParams, tfQuery, wholeNumber } from './params.ts';
import { BAD_REQUEST, createRouter, json, problemResponse, UNAVAILABLE } from './router.ts';

const NO_MODEL = problemResponse('Unknown symbol, a symbol or timeframe no model forecasts (title "No model"), or no forecast made yet (title "No forecast")');
const price = z.number();
const Figures = z.object({
  n: z.number().int().openapi({ description: 'Outcomes scored' }),
  mae: z.number().nullable().openapi({ description: 'Mean |predicted − realised| price' }),
  mape: z.number().nullable().openapi({ description: 'Mean |predicted − realised| / realised, a fraction' }),
  maeReturn: z.number().nullable().openapi({ description: "Mean |realised − predicted| log return: the model card's MAE" }),
  hitRate: z.number().nullable().openapi({ description: 'Direction right 1, wrong 0, no move ½' }),
  coverage: z.number().nullable().openapi({ description: 'Share of outcomes inside the 10–90% band (0.8 when honest)' }),
});

const ForecastSchema = z
  .object({
    symbol: z.string(),
    tf: TimeframeSchema,
    horizon: z.number().int().openapi({ description: 'Candles ahead' }),
    model: z.string().openapi({ example: 'crypto-1h-h4@1' }),
    modelId: z.string(),
    modelVersion: z.number().int(),
    openTime: z.number().openapi({ description: 'The candle the forecast was made at the close of' }),
    madeAt: z.number(),
    targetTime: z.number(),
    price,
    predictedPrice: price,
    predictedReturn: z.number().openapi({ description: 'Simple return to the median forecast' }),
    low: price.openapi({ description: '10% quantile, as a price' }),
    high: price.openapi({ description: '90% quantile, as a price' }),
    q10: z.number(),
    q50: z.number(),
    q90: z.number().openapi({ description: 'The quantiles as log returns' }),
    confidence: z.number().openapi({ description: "0..1: the band's narrowness against recent volatility's (0.5: as wide)" }),
    direction: z.enum(['up', 'down', 'flat']),
  })
  .openapi('Forecast');

const forecast = createRoute({
  method: 'get',
  path: '/api/asset/{symbol}/forecast',
  operationId: 'getForecast',
  tags: ['models'],
  summary: "The model's latest forecast for a symbol, with the chart data to draw it",
  description: 'The newest stored forecast, the closed candles before it, and the path from its price to its target with the 10–90% band (interpolated between: the median linearly in log price, the band with √t). Forecasts are made at each candle close of the class timeframe: 1h for crypto, 1d for stocks.',
  request: {
    params: SymbolParams,
    query: z.object({
      timeframe: tfQuery('timeframe'),
      candles: wholeNumber('candles', 0, 1_000).optional().openapi({ param: { name: 'candles', in: 'query' }, description: 'Candles before the forecast (default 48)' }),
    }),
  },
  responses: {
    200: json(
      z.object({
        symbol: z.string(),
        timeframe: TimeframeSchema,
        forecast: ForecastSchema,
        candles: z.array(z.object({ time: z.number(), open: price, high: price, low: price, close: price, volume: z.number() })),
        path: z.array(z.object({ time: z.number(), price, low: price, high: price })),
      }),
      'The latest forecast',
    ),
    400: BAD_REQUEST,
    404: NO_MODEL,
    503: UNAVAILABLE,
  },
});

const trends = createRoute({
  method: 'get',
  path: '/api/asset/{symbol}/trends',
  operationId: 'getTrends',
  tags: ['models'],
  summary: "How right the symbol's forecasts have been: live accuracy, its trend, and prediction against outcome",
  description: 'Per model: MAE, MAPE, hit rate and 10–90% coverage over the last `window` scored outcomes, the same after each of the last `limit` (the trend), per UTC day, and the last `limit` forecasts beside what happened. An outcome whose target fell inside a halt is synthetic: listed, never scored.',
  request: {
    params: SymbolParams,
    query: z.object({
      timeframe: tfQuery('timeframe'),
      window: wholeNumber('window', 1, 1_000).optional().openapi({ param: { name: 'window', in: 'query' }, description: 'Outcomes per rolling figure (default 100)' }),
      limit: wholeNumber('limit', 1, 2_000).optional().openapi({ param: { name: 'limit', in: 'query' }, description: 'Points of trend and history (default 200)' }),
    }),
  },
  responses: {
    200: json(
      z.object({
        symbol: z.string(),
        timeframe: TimeframeSchema,
        window: z.number().int(),
        models: z.array(
          z.object({
            model: z.string(),
            accuracy: Figures,
            trend: z.array(Figures.extend({ time: z.number() })),
            daily: z.array(Figures.extend({ day: z.string() })),
            history: z.array(
              z.object({ openTime: z.number(), madeAt: z.number(), targetTime: z.number(), price, predictedPrice: price, low: price, high: price, realisedPrice: price.nullable(), synthetic: z.boolean() }),
            ),
          }),
        ),
      }),
      'Live accuracy per model, newest model first',
    ),
    400: BAD_REQUEST,
    404: NO_MODEL,
    503: UNAVAILABLE,
  },
});

/** The timeframe a symbol is forecast on, or the 404 that says why there is none. */
export function forecastTfOf(instrument: Instrument, asked: Timeframe | undefined): Timeframe {
  const tf = forecastTimeframe(instrument.class);
  if (!tf) throw new ProblemError(404, 'No model', `${instrument.symbol} is a ${instrument.class} series; no model forecasts them`);
  if (asked !== undefined && asked !== tf) throw new ProblemError(404, 'No model', `${instrument.symbol} is forecast on ${tf} candles, not ${asked}`);
  return tf;
}

export const modelRoutes = (deps: LookupDeps & { history: CandleHistory }) =>
  createRouter()
    .openapi(forecast, (c) => {
      const instrument = instrumentOf(deps, c.req.valid('param').symbol);
      const { timeframe, candles = 48 } = c.req.valid('query');
      const tf = forecastTfOf(instrument, timeframe);
      const body = forecastBody(deps.history, instrument.symbol, tf, candles);
      if (!body) throw new ProblemError(404, 'No forecast', `no forecast of ${instrument.symbol} on ${tf} yet: one is made at each ${tf} close once the features have warmed up`);
      return c.json(body, 200);
    })
    .openapi(trends, (c) => {
      const instrument = instrumentOf(deps, c.req.valid('param').symbol);
      const { timeframe, window = 100, limit = 200 } = c.req.valid('query');
      const tf = forecastTfOf(instrument, timeframe);
      return c.json(trendsBody(deps.history, instrument.symbol, tf, { window, limit }), 200);
    });
