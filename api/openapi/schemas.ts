import { z } from '@hono/zod-openapi';
import { INSTRUMENT_CLASSES, VENUES } from '../../market/instruments/index.ts';
import { INDICATOR_COLUMNS, type IndicatorColumn } from '../../market/indicators/index.ts';
import { TIMEFRAMES } from '../../market/timeframes.ts';

/**
 * The shapes the edge answers with, shared by several routes. Each is named (`.openapi('X')`), so
 * the document holds it once under components.schemas and the routes refer to it.
 */

/**
 * `schema | null`. Not `.nullable()`: on a named schema zod-to-openapi drops the null (or writes
 * an allOf no value satisfies), where a union gives the right `anyOf: [$ref, null]`.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

export const TimeframeSchema = z.enum(TIMEFRAMES).openapi('Timeframe');
export const AssetClassSchema = z.enum(INSTRUMENT_CLASSES).openapi('AssetClass');

export const CandleSchema = z
  .object({
    tf: TimeframeSchema,
    openTime: z.number().int().openapi({ description: 'Bucket start, epoch ms UTC', example: 1617321600000 }),
    open: z.number(),
    high: z.number(),
    low: z.number(),
    close: z.number(),
    volume: z.number(),
    prints: z.number().int().openapi({ description: 'Prices that made the candle' }),
  })
  .openapi('Candle');

export const IndicatorRowSchema = z
  .object(Object.fromEntries(INDICATOR_COLUMNS.map((c) => [c, z.number().nullable()])) as Record<IndicatorColumn, z.ZodNullable<z.ZodNumber>>)
  .openapi('IndicatorRow', { description: 'One candle\'s indicator values, TA-Lib conventions; null while a column warms up.' });

export const InstrumentSchema = z
  .object({
    symbol: z.string().openapi({ example: 'AAPL' }),
    name: z.string().openapi({ example: 'Apple Inc.' }),
    class: AssetClassSchema,
    venue: z.enum(VENUES as [string, ...string[]]),
    sector: z.string().optional().openapi({ description: 'Stocks only (GICS; ETF for funds)' }),
    quote: z.string().openapi({ description: 'Quote currency, or a macro series\' unit' }),
    tickSize: z.number(),
  })
  .openapi('Instrument');

export const DayStatsSchema = z
  .object({ open: z.number(), last: z.number(), changePct: z.number(), high: z.number(), low: z.number(), volume: z.number() })
  .openapi('DayStats', { description: 'Rolling 24h figures, against the close 24h ago' });

export const SymbolViewSchema = z
  .object({
    symbol: z.string(),
    last: z.number().nullable(),
    time: z.number().nullable().openapi({ description: 'Time of the last print, epoch ms' }),
    day: orNull(DayStatsSchema),
    forming: z.partialRecord(TimeframeSchema, orNull(CandleSchema)).openapi({ description: 'The candle still open on each timeframe the symbol builds' }),
    dropped: z.object({ 'not-finite': z.number(), 'non-positive': z.number(), 'out-of-order': z.number(), 'out-of-band': z.number() }),
    gaps: z.number().int(),
    indicators: z.partialRecord(TimeframeSchema, IndicatorRowSchema).openapi({ description: 'The row of each timeframe\'s last closed candle' }),
  })
  .openapi('SymbolView');
