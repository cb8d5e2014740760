import { createRoute, z } from '@hono/zod-openapi';
import { ProblemError } from '../problem.ts';
import { instrumentOf, timeframeOf, type LookupDeps } from './lookup.ts';
import { SymbolParams, tfQuery } from './params.ts';
import { BAD_REQUEST, createRouter, json, problemResponse } from './router.ts';

// No model is trained yet: both routes exist so clients can be written against them, and say
// so with a 404 instead of a made-up value. Their 200 shapes come with the models.
const NO_MODEL = problemResponse('Unknown symbol, or no model is trained for it (title "No model")');

const forecast = createRoute({
  method: 'get',
  path: '/api/asset/{symbol}/forecast',
  operationId: 'getForecast',
  tags: ['models'],
  summary: "A model's forecast for a symbol (no model is trained yet: 404)",
  request: { params: SymbolParams, query: z.object({ timeframe: tfQuery('timeframe') }) },
  responses: { 200: json(z.looseObject({}), 'The forecast (once models are trained)'), 400: BAD_REQUEST, 404: NO_MODEL },
});

const trends = createRoute({
  method: 'get',
  path: '/api/asset/{symbol}/trends',
  operationId: 'getTrends',
  tags: ['models'],
  summary: "A model's trend reading for a symbol (no model is trained yet: 404)",
  request: { params: SymbolParams },
  responses: { 200: json(z.looseObject({}), 'The trends (once models are trained)'), 404: NO_MODEL },
});

const noModel = (what: string) => new ProblemError(404, 'No model', `no model is trained for ${what}; forecasts are not available yet`);

export const modelRoutes = (deps: LookupDeps) =>
  createRouter()
    .openapi(forecast, (c) => {
      const instrument = instrumentOf(deps, c.req.valid('param').symbol);
      const tf = timeframeOf(instrument, c.req.valid('query').timeframe, 'timeframe');
      throw noModel(`${instrument.symbol} on ${tf}`);
    })
    .openapi(trends, (c) => {
      throw noModel(`${instrumentOf(deps, c.req.valid('param').symbol).symbol}'s trends`);
    });
