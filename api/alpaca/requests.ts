import type { Context } from 'hono';
import { z } from 'zod';
import { parseInstant } from '../routes/params.ts';
import { fromZod, malformedBody } from './errors.ts';

/**
 * The /v2 routes' request schemas: query strings and path parameters, each message naming its
 * field. Order bodies are checked by market/orders' own schema (the one the account uses), and
 * replace bodies by actors/account's.
 */

/** Parses `input` or throws Alpaca's 422 with every issue. */
export function valid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/** The body as JSON: an empty or unparsable one is Alpaca's 400 "request body format is invalid". */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw malformedBody('the body is empty; send a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw malformedBody(`not JSON (${e instanceof SyntaxError ? e.message : String(e)})`);
  }
}

/** An optional query instant: an ISO 8601 date or date-time, or epoch ms; parsed to epoch ms. */
export const instant = (name: string) =>
  z
    .string()
    .transform((text, ctx) => {
      const t = parseInstant(text);
      if (t !== null) return t;
      ctx.addIssue({ code: 'custom', message: `${name} must be an ISO 8601 date or date-time (2021-04-14, 2021-04-14T12:00:00Z) or epoch ms, got ${JSON.stringify(text)}` });
      return z.NEVER;
    })
    .optional();

const trueOrFalse = (name: string) =>
  z
    .enum(['true', 'false'], { error: (i) => `${name} must be true or false, got ${JSON.stringify(i.input)}` })
    .transform((v) => v === 'true')
    .optional();

/** `GET /v2/orders`: Alpaca's filters; `limit` at most 500, as Alpaca's. */
export const ordersQuery = z.object({
  status: z.enum(['open', 'closed', 'all'], { error: (i) => `status must be open, closed or all, got ${JSON.stringify(i.input)}` }).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, { error: (i) => `limit must be a whole number, got ${JSON.stringify(i.input)}` })
    .transform(Number)
    .pipe(z.number().min(1, 'limit must be at least 1').max(500, 'limit must be at most 500'))
    .optional(),
  after: instant('after'),
  until: instant('until'),
  direction: z.enum(['asc', 'desc'], { error: (i) => `direction must be asc or desc, got ${JSON.stringify(i.input)}` }).optional(),
  nested: trueOrFalse('nested'),
  symbols: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim().toUpperCase()).filter((x) => x !== ''))
    .optional(),
});

/** Tickflow's order ids (`<account>-0000000001`) and client order ids: anything else names no order. */
export const orderIdParam = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, { error: (i) => `order id must be letters, digits, '_' or '-' (at most 100), got ${JSON.stringify(i.input)}` }),
});

export const clientOrderIdQuery = z.object({
  client_order_id: z
    .string({ error: 'client_order_id is required' })
    .min(1, 'client_order_id must not be empty')
    .max(128, { error: (i) => `client_order_id must be at most 128 characters, got ${String((i.input as string).length)}` }),
});

export const symbolParam = z.object({
  symbol: z.string().regex(/^[A-Za-z0-9./-]{1,32}$/, { error: (i) => `symbol must be letters, digits, '.', '/' or '-' (at most 32), got ${JSON.stringify(i.input)}` }),
});

/** `DELETE /v2/positions/{symbol}`: partial closes are not done here; asking for one is refused rather than ignored. */
export const closePositionQuery = z.object({
  qty: z.never({ error: 'qty is not supported: DELETE /v2/positions/{symbol} closes the whole position' }).optional(),
  percentage: z.never({ error: 'percentage is not supported: DELETE /v2/positions/{symbol} closes the whole position' }).optional(),
});
