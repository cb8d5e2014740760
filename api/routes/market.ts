import { createRoute, z } from '@hono/zod-openapi';
import { forecastMsgOf } from '../../actors/forecast/forecast-event.ts';
import { forecastTimeframe, type Market } from '../../actors/market.ts';
import type { StoredForecast } from '../../storage/sqlite/index.ts';
import type { CandleHistory } from './history.ts';
import type { SummaryView } from '../../actors/summary/behaviour.ts';
import { address, AskFailedError, type EngineHandle } from '../../engine/index.ts';
import { INSTRUMENT_CLASSES, type InstrumentClass, type InstrumentRegistry } from '../../market/instruments/index.ts';
import { AssetClassSchema } from '../openapi/schemas.ts';
import { ProblemError } from '../problem.ts';
import { ASK_TIMEOUT_MS } from './lookup.ts';
import { wholeNumber } from './params.ts';
import { BAD_REQUEST, createRouter, json, problemResponse, UNAVAILABLE } from './router.ts';

const SummaryRowSchema = z
  .object({
    symbol: z.string(),
    name: z.string().openapi({ description: 'Display name from the instrument registry' }),
    time: z.number().openapi({ description: 'End of the minute the figures are as of, epoch ms' }),
    last: z.number(),
    changePct: z.number().openapi({ description: 'Change against the close 24h ago, %' }),
    volume: z.number().openapi({ description: '24h volume' }),
    high: z.number(),
    low: z.number(),
    forecast: z
      .object({
        direction: z.enum(['up', 'down', 'flat']),
        predictedReturn: z.number(),
        predictedPrice: z.number(),
        low: z.number(),
        high: z.number(),
        confidence: z.number(),
        targetTime: z.number(),
        model: z.string(),
      })
      .nullable()
      .openapi({ description: "The symbol's newest model forecast (GET /api/asset/{symbol}/forecast has it whole); null when none is stored" }),
  })
  .openapi('SummaryRow');

const ClassSummarySchema = z
  .object({
    assetClass: AssetClassSchema,
    symbols: z.array(SummaryRowSchema).openapi({ description: 'Every symbol heard from, by symbol, at most `limit`' }),
    gainers: z.array(SummaryRowSchema),
    losers: z.array(SummaryRowSchema),
    mostTraded: z.array(SummaryRowSchema).openapi({ description: 'By 24h volume × last price' }),
  })
  .openapi('ClassSummary');

const summary = createRoute({
  method: 'get',
  path: '/api/market/summary',
  operationId: 'getMarketSummary',
  tags: ['market'],
  summary: 'Market summary per asset class: last, 24h change and volume, top movers',
  description: 'Answered by the summary/<class> actors from the stats the symbols publish once per closed minute. Without class: every class that runs, keyed by class.',
  request: {
    query: z.object({
      class: z
        .enum(INSTRUMENT_CLASSES, { error: (i) => `class must be one of ${INSTRUMENT_CLASSES.join(', ')}, got ${JSON.stringify(i.input)}` })
        .optional()
        .openapi({ param: { name: 'class', in: 'query' }, description: 'One class (default: all)' }),
      limit: wholeNumber('limit', 1, 100).default(100).openapi({ param: { name: 'limit', in: 'query' }, description: 'Rows in `symbols` at most (default and max 100)', example: '20' }),
    }),
  },
  responses: {
    200: json(z.partialRecord(AssetClassSchema, ClassSummarySchema), 'The summary of each class asked for that runs'),
    400: BAD_REQUEST,
    404: problemResponse('No summary runs for that class'),
    503: UNAVAILABLE,
  },
});

export interface MarketDeps {
  system: EngineHandle;
  instruments: InstrumentRegistry;
  market?: Market;
  /** Where the newest forecasts are read; none: every row's forecast is null. */
  history?: CandleHistory;
}

/** The summary row's forecast columns. */
const headline = (f: StoredForecast) => {
  const m = forecastMsgOf(f);
  return { direction: m.direction, predictedReturn: m.predictedReturn, predictedPrice: m.predictedPrice, low: m.low, high: m.high, confidence: m.confidence, targetTime: m.targetTime, model: m.model };
};

/** Each symbol's newest forecast on its class's timeframe; empty when nothing can be read (no database yet). */
function newestForecasts(history: CandleHistory | undefined, cls: InstrumentClass): Map<string, ReturnType<typeof headline>> {
  const tf = forecastTimeframe(cls);
  if (!history || !tf) return new Map();
  try {
    return new Map(history.forecasts().latestPerSymbol(tf).map((f) => [f.symbol, headline(f)]));
  } catch (e) {
    if (e instanceof ProblemError) return new Map();
    throw e;
  }
}

type Row = SummaryView['symbols'][number];

export const marketRoutes = (deps: MarketDeps) => {
  const named = (rows: Row[], forecasts: Map<string, ReturnType<typeof headline>>) =>
    rows.map((r) => ({ ...r, name: deps.instruments.find(r.symbol)?.name ?? r.symbol, forecast: forecasts.get(r.symbol) ?? null }));

  /** A class's summary, or null when no summary actor runs for it. */
  async function classSummary(cls: InstrumentClass, limit: number) {
    const to = address('summary', cls);
    if (deps.market && !deps.market.summaries.includes(to)) return null;
    try {
      const v = await deps.system.ask<SummaryView>(to, { type: 'view', limit }, ASK_TIMEOUT_MS);
      const f = newestForecasts(deps.history, cls);
      return { assetClass: cls, symbols: named(v.symbols, f), gainers: named(v.gainers, f), losers: named(v.losers, f), mostTraded: named(v.mostTraded, f) };
    } catch (e) {
      if (e instanceof AskFailedError && e.message.includes('no such actor')) return null;
      throw e;
    }
  }

  return createRouter().openapi(summary, async (c) => {
    const { class: asked, limit } = c.req.valid('query');
    const classes = asked ? [asked] : INSTRUMENT_CLASSES;
    const found = await Promise.all(classes.map((cls) => classSummary(cls, limit)));
    if (asked && !found[0]) throw new ProblemError(404, 'No live data', `no market summary is running for class ${asked}`);
    return c.json(Object.fromEntries(found.flatMap((s) => (s ? [[s.assetClass, s]] : []))), 200);
  });
};
