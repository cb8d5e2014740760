import { createRoute, z } from '@hono/zod-openapi';
import { CandleSchema, orNull, TimeframeSchema } from '../openapi/schemas.ts';
import type { CandleHistory } from './history.ts';
import { instrumentOf, liveView, timeframeOf, type LookupDeps } from './lookup.ts';
import { DEFAULT_ROWS, orderedRange, rangeQuery, SymbolParams, tfQuery } from './params.ts';
import { BAD_REQUEST, createRouter, json, UNAVAILABLE, UNKNOWN_SYMBOL } from './router.ts';

const candles = createRoute({
  method: 'get',
  path: '/api/asset/{symbol}/candles',
  operationId: 'getCandles',
  tags: ['market'],
  summary: "A symbol's candles: stored history and the one forming",
  description:
    'Closed candles from the SQLite store (from inclusive, to exclusive, ascending; without from, the latest `limit`), and the candle still forming, from the symbol actor. A candle closed in the last half second may not be stored yet.',
  request: { params: SymbolParams, query: z.object({ tf: tfQuery(), ...rangeQuery }).superRefine(orderedRange) },
  responses: {
    200: json(
      z.object({
        symbol: z.string(),
        tf: TimeframeSchema,
        candles: z.array(CandleSchema),
        forming: orNull(CandleSchema).openapi({ description: 'The open candle, when the symbol is live and it lies in the range' }),
      }),
      'Candles, oldest first',
    ),
    400: BAD_REQUEST,
    404: UNKNOWN_SYMBOL,
    503: UNAVAILABLE,
  },
});

export const candleRoutes = (deps: LookupDeps & { history: CandleHistory }) =>
  createRouter().openapi(candles, async (c) => {
    const instrument = instrumentOf(deps, c.req.valid('param').symbol);
    const { tf: asked, from, to, limit = DEFAULT_ROWS } = c.req.valid('query');
    const tf = timeframeOf(instrument, asked);
    const symbol = instrument.symbol;
    const stored = deps.history.candles(symbol, tf, { from, to, limit });
    const open = (await liveView(deps, symbol))?.forming[tf] ?? null;
    const newest = stored.at(-1)?.openTime ?? -Infinity;
    // The forming candle comes after the stored ones, when the range reaches it: not past `to`,
    // nor past a page cut short by `limit` from `from`.
    const cut = from !== undefined && stored.length === limit;
    const inRange = open !== null && !cut && open.openTime > newest && (to === undefined || open.openTime < to) && (from === undefined || open.openTime >= from);
    return c.json({ symbol, tf, candles: stored, forming: inRange ? open : null }, 200);
  });
