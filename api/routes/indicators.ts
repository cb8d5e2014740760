import { createRoute, z } from '@hono/zod-openapi';
import type { Candle } from '../../market/candles/candle.ts';
import { IndicatorSet } from '../../market/indicators/index.ts';
import type { Timeframe } from '../../market/timeframes.ts';
import { IndicatorRowSchema, orNull, TimeframeSchema } from '../openapi/schemas.ts';
import type { CandleHistory } from './history.ts';
import { instrumentOf, liveView, noLiveData, timeframeOf, type LookupDeps } from './lookup.ts';
import { DEFAULT_ROWS, orderedRange, rangeQuery, SymbolParams, tfQuery } from './params.ts';
import { BAD_REQUEST, createRouter, json, UNAVAILABLE, UNKNOWN_SYMBOL } from './router.ts';

/**
 * At most this many stored candles run through the indicators before a range's first one: the
 * whole history in practice (more than a month of 1m candles, all the daily ones; ~60 ms), so a
 * range's values are those of computing from the first stored candle, bit for bit. Past it,
 * the running sums (MFI, stochastic) still carry the start's rounding (~1e-14 relative) and OBV,
 * a running total, is offset by a constant.
 */
export const WARMUP_BARS = 50_000;

const LatestSchema = z
  .object({ symbol: z.string(), tf: TimeframeSchema, latest: orNull(IndicatorRowSchema).openapi({ description: "The row of the last closed candle; null before one has closed" }) })
  .openapi('IndicatorsLatest');

const RangeSchema = z
  .object({
    symbol: z.string(),
    tf: TimeframeSchema,
    rows: z.array(z.object({ openTime: z.number().int(), values: IndicatorRowSchema })),
    warmup: z.object({
      bars: z.number().int().openapi({ description: 'Stored candles fed before the first row' }),
      from: z.number().int().nullable().openapi({ description: 'Open time of the first of them (OBV counts from here)' }),
    }),
  })
  .openapi('IndicatorsRange');

const indicators = createRoute({
  method: 'get',
  path: '/api/asset/{symbol}/indicators',
  operationId: 'getIndicators',
  tags: ['market'],
  summary: "A symbol's indicators: the latest row, or a range",
  description:
    "Without from/to: the row of the last closed candle, from the symbol actor. With from or to: one row per stored candle in the range, computed by the symbol actors' own IndicatorSet after warming up on the stored candles before it.",
  request: { params: SymbolParams, query: z.object({ tf: tfQuery(), ...rangeQuery }).superRefine(orderedRange) },
  responses: {
    200: json(z.union([LatestSchema, RangeSchema]), 'IndicatorsLatest without from/to, IndicatorsRange with them'),
    400: BAD_REQUEST,
    404: UNKNOWN_SYMBOL,
    503: UNAVAILABLE,
  },
});

/** The indicator rows of the stored candles in `range`, after warming up on up to `warmupBars` before them. */
export function rangeRows(history: CandleHistory, symbol: string, tf: Timeframe, range: { from?: number; to?: number; limit: number }, warmupBars = WARMUP_BARS) {
  const candles = history.candles(symbol, tf, range);
  const first = candles[0];
  const warm: Candle[] = first ? history.candles(symbol, tf, { to: first.openTime, limit: warmupBars }) : [];
  const set = new IndicatorSet();
  for (const c of warm) set.update(c);
  const rows = candles.map((c) => ({ openTime: c.openTime, values: set.update(c) }));
  return { rows, warmup: { bars: warm.length, from: (warm[0] ?? first)?.openTime ?? null } };
}

export const indicatorRoutes = (deps: LookupDeps & { history: CandleHistory }) =>
  createRouter().openapi(indicators, async (c) => {
    const instrument = instrumentOf(deps, c.req.valid('param').symbol);
    const { tf: asked, from, to, limit = DEFAULT_ROWS } = c.req.valid('query');
    const tf = timeframeOf(instrument, asked);
    const symbol = instrument.symbol;
    if (from !== undefined || to !== undefined) return c.json({ symbol, tf, ...rangeRows(deps.history, symbol, tf, { from, to, limit }) }, 200);
    const live = await liveView(deps, symbol);
    if (!live) throw noLiveData(symbol);
    return c.json({ symbol, tf, latest: live.indicators[tf] ?? null }, 200);
  });
