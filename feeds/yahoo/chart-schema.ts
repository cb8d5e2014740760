import { z } from 'zod';

/**
 * The Yahoo v8 chart response (`/v8/finance/chart/<SYMBOL>`), as far as Tickflow reads it.
 * Unknown fields are dropped; the ones read are checked strictly so a changed payload fails
 * with the field's path instead of producing bars from the wrong numbers.
 */

/** Times are Unix seconds. A period is [start, end). */
export const tradingPeriodSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  timezone: z.string().optional(),
  gmtoffset: z.number().optional(),
});
export type TradingPeriod = z.output<typeof tradingPeriodSchema>;

const periodsByDay = z.array(z.array(tradingPeriodSchema));

export const chartMetaSchema = z.object({
  symbol: z.string().min(1),
  currency: z.string().nullable().optional(),
  exchangeName: z.string().optional(),
  instrumentType: z.string().optional(),
  /** An IANA zone, e.g. America/New_York: it decides which date a daily bar belongs to. */
  exchangeTimezoneName: z.string().min(1),
  gmtoffset: z.number().optional(),
  dataGranularity: z.string().optional(),
  regularMarketPrice: z.number().optional(),
  regularMarketTime: z.number().int().optional(),
  currentTradingPeriod: z
    .object({ pre: tradingPeriodSchema.optional(), regular: tradingPeriodSchema, post: tradingPeriodSchema.optional() })
    .optional(),
  /** Per day, its sessions: an array of arrays, or split by pre/regular/post when includePrePost=true. */
  tradingPeriods: z
    .union([periodsByDay, z.object({ pre: periodsByDay.optional(), regular: periodsByDay, post: periodsByDay.optional() })])
    .optional(),
});
export type ChartMeta = z.output<typeof chartMetaSchema>;

/** One column of the quote table; null where Yahoo has no trade for that row. */
const column = z.array(z.number().nullable());

const quoteSchema = z.object({
  open: column.optional(),
  high: column.optional(),
  low: column.optional(),
  close: column.optional(),
  volume: column.optional(),
});

const splitSchema = z.object({
  date: z.number().int(),
  numerator: z.number().positive(),
  denominator: z.number().positive(),
  splitRatio: z.string().optional(),
});

const dividendSchema = z.object({ date: z.number().int(), amount: z.number().nonnegative() });

const resultSchema = z.object({
  meta: chartMetaSchema,
  /** Absent when the range holds no trading at all (a weekend): a valid, empty answer. */
  timestamp: z.array(z.number().int()).optional(),
  events: z
    .object({
      splits: z.record(z.string(), splitSchema).optional(),
      dividends: z.record(z.string(), dividendSchema).optional(),
    })
    .optional(),
  indicators: z.object({ quote: z.array(quoteSchema).min(1) }),
});
export type ChartResult = z.output<typeof resultSchema>;

export const chartResponseSchema = z.object({
  chart: z.object({
    result: z.array(resultSchema).nullable(),
    error: z.object({ code: z.string(), description: z.string() }).nullable(),
  }),
});
