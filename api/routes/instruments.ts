import { createRoute, z } from '@hono/zod-openapi';
import type { InstrumentRegistry } from '../../market/instruments/index.ts';
import { InstrumentSchema } from '../openapi/schemas.ts';
import { badParameter } from '../problem.ts';
import { wholeNumber } from './params.ts';
import { BAD_REQUEST, createRouter, json } from './router.ts';

const search = createRoute({
  method: 'get',
  path: '/api/assets/search',
  operationId: 'searchAssets',
  tags: ['instruments'],
  summary: 'Find instruments by symbol or name',
  description: 'Case-insensitive, best first: exact symbol, symbol prefix, a word of the name starting with q, q anywhere in the name.',
  request: {
    query: z.object({
      q: z
        .string({ error: (i) => (i.input === undefined ? 'q is required' : 'q must be given once') })
        .trim().min(1, 'q must not be empty').max(64, 'q must be at most 64 characters').openapi({ example: 'bit' }),
      limit: wholeNumber('limit', 1, 100).default(10).openapi({ param: { name: 'limit', in: 'query' }, description: 'Results at most (default 10, max 100)', example: '10' }),
    }),
  },
  responses: {
    200: json(z.object({ query: z.string(), results: z.array(InstrumentSchema) }), 'Matches, best first'),
    400: BAD_REQUEST,
  },
});

const stocks = createRoute({
  method: 'get',
  path: '/api/stocks',
  operationId: 'listStocks',
  tags: ['instruments'],
  summary: 'The stocks, optionally of one sector',
  request: { query: z.object({ sector: z.string().trim().min(1, 'sector must not be empty').optional().openapi({ example: 'Energy', description: 'A sector from /api/sectors, any case' }) }) },
  responses: {
    200: json(z.object({ sector: z.string().nullable(), stocks: z.array(InstrumentSchema) }), 'Stocks by symbol'),
    400: BAD_REQUEST,
  },
});

const sectors = createRoute({
  method: 'get',
  path: '/api/sectors',
  operationId: 'listSectors',
  tags: ['instruments'],
  summary: 'The sectors, with how many stocks each has',
  responses: { 200: json(z.object({ sectors: z.array(z.object({ sector: z.string(), count: z.number().int() })) }), 'Sectors by name') },
});

/** The instrument universe: search, stocks by sector, sectors. Answered from the registry, no actor asked. */
export const instrumentRoutes = (deps: { instruments: InstrumentRegistry }) => {
  const all = deps.instruments.byClass('stock').sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  const counts = deps.instruments.sectors().map((sector) => ({ sector, count: all.filter((s) => s.sector === sector).length }));
  return createRouter()
    .openapi(search, (c) => {
      const { q, limit } = c.req.valid('query');
      return c.json({ query: q, results: deps.instruments.search(q, limit) }, 200);
    })
    .openapi(stocks, (c) => {
      const asked = c.req.valid('query').sector;
      if (asked === undefined) return c.json({ sector: null, stocks: all }, 200);
      const sector = counts.find((s) => s.sector.toLowerCase() === asked.toLowerCase())?.sector;
      if (!sector) throw badParameter('sector', `unknown sector ${JSON.stringify(asked)}; known: ${counts.map((s) => s.sector).join(', ')}`);
      return c.json({ sector, stocks: all.filter((s) => s.sector === sector) }, 200);
    })
    .openapi(sectors, (c) => c.json({ sectors: counts }, 200));
};
