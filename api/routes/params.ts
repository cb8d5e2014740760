import { z } from '@hono/zod-openapi';
import { TIMEFRAMES } from '../../market/timeframes.ts';

/** Request parameters several routes share, each refusing bad input with a message naming it. */

export const SymbolParams = z.object({
  symbol: z
    .string()
    .min(1)
    .max(32, 'symbol must be at most 32 characters')
    .openapi({ param: { name: 'symbol', in: 'path' }, example: 'BTCUSDT', description: 'Any case' }),
});

export const timeframe = (name: string) =>
  z.enum(TIMEFRAMES, { error: (i) => `${name} must be one of ${TIMEFRAMES.join(', ')}, got ${JSON.stringify(i.input)}` });

/** `?tf=`: optional; a route defaults it to the finest timeframe the symbol builds. */
export const tfQuery = (name = 'tf') =>
  timeframe(name)
    .optional()
    .openapi({ param: { name, in: 'query' }, description: 'Candle timeframe (default: the finest the symbol builds: 1m for crypto, 1d for stocks and macro series)' });

const EPOCH_MS = /^-?\d{1,16}$/;
// A date, or a date and time with its offset: a time without one would mean the server's zone.
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Epoch ms, or an ISO 8601 date (UTC midnight) or date-time with offset; null when neither. */
export function parseInstant(text: string): number | null {
  if (EPOCH_MS.test(text)) return Number(text);
  if (!ISO.test(text)) return null;
  // Date.parse rolls 2021-02-30 over to 2 March: the day must exist in its month.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}

const instant = (name: string, description: string) =>
  z
    .string()
    .transform((text, ctx) => {
      const t = parseInstant(text);
      if (t !== null) return t;
      ctx.addIssue({ code: 'custom', message: `${name} must be epoch ms or an ISO 8601 date (2021-04-14, 2021-04-14T12:00:00Z), got ${JSON.stringify(text)}` });
      return z.NEVER;
    })
    .optional()
    .openapi({ param: { name, in: 'query' }, description, example: '2021-04-14' });

/** A whole number in [min, max], from a query string. */
export const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

export const MAX_ROWS = 5_000;
export const DEFAULT_ROWS = 500;

/** `from`/`to`/`limit` over stored candles: from inclusive, to exclusive, at most MAX_ROWS rows. */
export const rangeQuery = {
  from: instant('from', 'Inclusive start: epoch ms or ISO 8601'),
  to: instant('to', 'Exclusive end: epoch ms or ISO 8601'),
  limit: wholeNumber('limit', 1, MAX_ROWS)
    .optional()
    .openapi({ param: { name: 'limit', in: 'query' }, description: `Rows at most (default ${DEFAULT_ROWS}, max ${MAX_ROWS}); without from, the latest ones`, example: '100' }),
};

/** Refuses an empty or inverted range, on `to`. */
export const orderedRange = (q: { from?: number | undefined; to?: number | undefined }, ctx: z.RefinementCtx) => {
  if (q.from !== undefined && q.to !== undefined && q.to <= q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
};
