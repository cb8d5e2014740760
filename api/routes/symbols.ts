import { createRoute } from '@hono/zod-openapi';
import { SymbolViewSchema } from '../openapi/schemas.ts';
import { instrumentOf, liveView, noLiveData, type LookupDeps } from './lookup.ts';
import { SymbolParams } from './params.ts';
import { BAD_REQUEST, createRouter, json, UNAVAILABLE, UNKNOWN_SYMBOL } from './router.ts';

const view = createRoute({
  method: 'get',
  path: '/api/symbols/{symbol}',
  operationId: 'getSymbolView',
  tags: ['market'],
  summary: "A symbol's live view",
  description: 'What the symbol actor knows now: last price, 24h figures, forming candles, indicator rows, dropped prints. Answered by the actor itself.',
  request: { params: SymbolParams },
  responses: { 200: json(SymbolViewSchema, 'The live view'), 400: BAD_REQUEST, 404: UNKNOWN_SYMBOL, 503: UNAVAILABLE },
});

export const symbolRoutes = (deps: LookupDeps) =>
  createRouter().openapi(view, async (c) => {
    const { symbol } = instrumentOf(deps, c.req.valid('param').symbol);
    const live = await liveView(deps, symbol);
    if (!live) throw noLiveData(symbol);
    return c.json(live, 200);
  });
