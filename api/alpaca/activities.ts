import { Hono } from 'hono';
import { z } from 'zod';
import type { FillRecord } from '../../actors/account/index.ts';
import { decimalString } from '../../market/orders/index.ts';
import type { AlpacaEnv } from './auth.ts';
import { askAccount, type AlpacaDeps } from './deps.ts';
import { instant, valid } from './requests.ts';

/**
 * Alpaca's account activities. Tickflow's paper accounts have one kind: FILL, each fill the
 * account made (its id names the log event that made it, so it is stable across restarts). The
 * other kinds Alpaca lists (dividends, transfers, fees...) never happen here: asking for them
 * answers an empty list, as Alpaca does for an account that has none.
 */
const ACTIVITY_TYPES = ['FILL', 'TRANS', 'MISC', 'ACATC', 'ACATS', 'CSD', 'CSW', 'DIV', 'FEE', 'INT', 'JNLC', 'JNLS', 'MA', 'NC', 'OPASN', 'OPEXP', 'OPXRC', 'PTC', 'REORG', 'SPIN', 'SPLIT'] as const;
type ActivityType = (typeof ACTIVITY_TYPES)[number];

const activityType = (name: string) => z.enum(ACTIVITY_TYPES, { error: (i) => `${name} must be an Alpaca activity type (${ACTIVITY_TYPES.slice(0, 4).join(', ')}, ...), got ${JSON.stringify(i.input)}` });

/** Alpaca's query: `date` (one UTC day) or `after`/`until`, `direction`, `page_size` (at most 100), `page_token` (the last id of the previous page). */
export const activitiesQuery = z
  .object({
    activity_types: z
      .string()
      .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
      .pipe(z.array(activityType('activity_types')))
      .optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: (i) => `date must be a date (YYYY-MM-DD), got ${JSON.stringify(i.input)}` })
      .optional(),
    after: instant('after'),
    until: instant('until'),
    direction: z.enum(['asc', 'desc'], { error: (i) => `direction must be asc or desc, got ${JSON.stringify(i.input)}` }).optional(),
    page_size: z
      .string()
      .regex(/^\d+$/, { error: (i) => `page_size must be a whole number, got ${JSON.stringify(i.input)}` })
      .transform(Number)
      .pipe(z.number().min(1, 'page_size must be at least 1').max(100, 'page_size must be at most 100'))
      .optional(),
    page_token: z.string().max(64, 'page_token must be at most 64 characters').optional(),
  })
  .refine((q) => q.date === undefined || (q.after === undefined && q.until === undefined), 'date cannot be combined with after or until');

/** One fill as Alpaca writes a FILL activity: decimals as strings. */
export function fillActivityJson(f: FillRecord) {
  return {
    id: f.id,
    activity_type: 'FILL',
    transaction_time: new Date(f.at).toISOString(),
    type: f.type,
    price: decimalString(f.price),
    qty: decimalString(f.qty),
    side: f.side,
    symbol: f.symbol,
    leaves_qty: decimalString(f.leavesQty),
    order_id: f.orderId,
    cum_qty: decimalString(f.cumQty),
    order_status: f.type === 'fill' ? 'filled' : 'partially_filled',
  };
}

const DAY = 86_400_000;

/** `GET /v2/account/activities` and `GET /v2/account/activities/{activity_type}`. */
export function activityRoutes(deps: AlpacaDeps) {
  const list = async (accountId: string, types: readonly ActivityType[] | undefined, query: Record<string, string>) => {
    const q = valid(activitiesQuery, query);
    const wanted = types ?? q.activity_types;
    if (wanted !== undefined && !wanted.includes('FILL')) return [];
    const day = q.date === undefined ? null : Date.parse(`${q.date}T00:00:00Z`);
    const fills = await askAccount<FillRecord[]>(deps, accountId, {
      type: 'fills',
      // Alpaca's bounds are inclusive of the instant named; the account's are exclusive.
      ...(day !== null ? { after: day - 1, until: day + DAY } : {}),
      ...(q.after !== undefined ? { after: q.after } : {}),
      ...(q.until !== undefined ? { until: q.until } : {}),
      ...(q.direction ? { direction: q.direction } : {}),
      limit: q.page_size ?? 100,
      ...(q.page_token ? { pageToken: q.page_token } : {}),
    });
    return fills.map(fillActivityJson);
  };
  return new Hono<AlpacaEnv>()
    .get('/v2/account/activities', async (c) => c.json(await list(c.var.accountId, undefined, c.req.query()), 200))
    .get('/v2/account/activities/:activity_type', async (c) => {
      const type = valid(z.object({ activity_type: activityType('activity type') }), c.req.param()).activity_type;
      return c.json(await list(c.var.accountId, [type], c.req.query()), 200);
    });
}
