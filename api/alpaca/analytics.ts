import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AccountView, FillRecord, HistoryReply } from '../../actors/account/index.ts';
import { accountReport, drawdownSeries, roundTrips, type EquityPoint } from '../../market/analytics/index.ts';
import { ProblemError, validationProblem } from '../problem.ts';
import { BAD_REQUEST, json, problemResponse, UNAVAILABLE } from '../routes/router.ts';
import type { AlpacaEnv, KeyVerifier } from './auth.ts';
import { askAccount, type AlpacaDeps } from './deps.ts';
import { portfolioHistory } from './portfolio-history.ts';

/**
 * `GET /api/accounts/{id}/analytics`: market/analytics over a paper account — return, Sharpe,
 * Sortino, max drawdown, win rate, profit factor, exposure, fees paid, with the equity curve and
 * drawdown series. A Tickflow route, not an Alpaca one (Alpaca has no such endpoint), so it
 * answers problem details like the rest of /api; it opens with the account's own Alpaca key pair
 * (APCA-API-KEY-ID, APCA-API-SECRET-KEY), which reaches that account and no other.
 *
 * The equity curve is the account's equity history (actors/account equity.ts) sampled at the
 * close of each bar of `timeframe`, as the portfolio history does; returns are bar to bar and
 * annualised by calendar time (365 days a year: crypto trades every day; a stocks-only account's
 * weekend bars are flat). Trades are round trips, flat to flat per symbol (market/analytics
 * `roundTrips`), their pnl after fees; a position still open counts toward exposure from its
 * entry. `feesPaid` is every fill's fee, open positions' included.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const STEPS = { '1Min': MINUTE, '5Min': 5 * MINUTE, '15Min': 15 * MINUTE, '1H': 60 * MINUTE, '1D': DAY } as const;
type Step = keyof typeof STEPS;
const MAX_POINTS = 10_080;
const PERIOD_UNITS = { D: DAY, W: 7 * DAY, M: 30 * DAY, A: 365 * DAY } as const;

const Query = z.object({
  timeframe: z
    .enum(Object.keys(STEPS) as [Step, ...Step[]], { error: (i) => `timeframe must be one of ${Object.keys(STEPS).join(', ')}, got ${JSON.stringify(i.input)}` })
    .optional()
    .openapi({ param: { name: 'timeframe', in: 'query' }, description: 'Bar of the equity curve (default: 1H over at most 30 days of history, else 1D; 1Min under a day)' }),
  period: z
    .string()
    .regex(/^[1-9]\d{0,3}[DWMA]$/, { error: (i) => `period must be a number and a unit D, W, M or A (1D, 2W, 1M, 1A), got ${JSON.stringify(i.input)}` })
    .optional()
    .openapi({ param: { name: 'period', in: 'query' }, description: 'How far back from the account’s time (default: since its first reading)' }),
  risk_free_rate: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,6})?$/, { error: (i) => `risk_free_rate must be an annual rate such as 0.04, got ${JSON.stringify(i.input)}` })
    .transform(Number)
    .optional()
    .openapi({ param: { name: 'risk_free_rate', in: 'query' }, description: 'Annual, for Sharpe and Sortino (default 0)' }),
});

const orNull = <T extends z.ZodType>(s: T) => z.union([s, z.null()]);
const AnalyticsSchema = z
  .object({
    accountId: z.string(),
    timeframe: z.enum(Object.keys(STEPS) as [Step, ...Step[]]),
    periodsPerYear: z.number(),
    riskFreeRate: z.number(),
    start: orNull(z.number()).openapi({ description: 'First bar, epoch ms' }),
    end: orNull(z.number()),
    totalReturn: orNull(z.number()),
    sharpe: orNull(z.number()),
    sortino: orNull(z.number()),
    maxDrawdown: orNull(z.object({ value: z.number(), amount: z.number(), peakTime: z.number(), troughTime: z.number(), recoveryTime: orNull(z.number()) })),
    trades: z.number().int().openapi({ description: 'Closed round trips' }),
    winRate: orNull(z.number()),
    profitFactor: orNull(z.number()),
    exposure: orNull(z.number()).openapi({ description: 'Share of the span with a position open' }),
    feesPaid: z.number(),
    equity: z.array(z.object({ time: z.number(), equity: z.number() })),
    drawdown: z.array(z.object({ time: z.number(), drawdown: z.number() })),
    roundTrips: z.array(z.object({ symbol: z.string(), entryTime: z.number(), exitTime: z.number(), pnl: z.number(), fees: z.number() })),
    openPositions: z.array(z.object({ symbol: z.string(), since: z.number() })),
  })
  .openapi('AccountAnalytics');

const route = createRoute({
  method: 'get',
  path: '/api/accounts/{id}/analytics',
  operationId: 'getAccountAnalytics',
  tags: ['trading'],
  summary: "A paper account's analytics: return, ratios, drawdown, trades, equity curve",
  description: 'Needs the account’s own key pair (APCA-API-KEY-ID, APCA-API-SECRET-KEY). Figures with no value (too few bars, no trades, no losses) are null.',
  security: [{ alpacaKeyId: [], alpacaSecretKey: [] }],
  request: { params: z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, description: 'The account id' }) }), query: Query },
  responses: {
    200: json(AnalyticsSchema, 'The analytics'),
    400: BAD_REQUEST,
    401: problemResponse('No key pair, or one that does not verify'),
    404: problemResponse('No such account for this key'),
    503: UNAVAILABLE,
  },
});

/** The key pair, as the /v2 routes take it, answered in problem details. */
function requireAccountKey(verifier: KeyVerifier): MiddlewareHandler<AlpacaEnv> {
  return async function accountKey(c, next) {
    const keyId = c.req.header('apca-api-key-id');
    const secret = c.req.header('apca-api-secret-key');
    if (!keyId || !secret || keyId.length > 64 || secret.length > 256) throw new ProblemError(401, 'Unauthorized', 'send the account’s key pair: APCA-API-KEY-ID and APCA-API-SECRET-KEY');
    const accountId = await verifier.verify(keyId, secret);
    if (accountId === null) throw new ProblemError(401, 'Unauthorized', 'the key id and secret do not match an account');
    c.set('accountId', accountId);
    await next();
  };
}

export function accountAnalyticsRoutes(deps: AlpacaDeps, verifier: KeyVerifier) {
  const app = new OpenAPIHono<AlpacaEnv>({ defaultHook: validationProblem });
  app.use('/api/accounts/*', requireAccountKey(verifier));
  return app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    // Another account's id is unknown to this key, as an order id of another account is to /v2.
    if (c.var.accountId !== id) throw new ProblemError(404, 'Unknown account', `no account ${id} for this key`);
    const [history, fills, view] = await Promise.all([
      askAccount<HistoryReply>(deps, id, { type: 'history' }),
      askAccount<FillRecord[]>(deps, id, { type: 'fills', direction: 'asc', limit: Number.MAX_SAFE_INTEGER }),
      askAccount<{ account: AccountView }>(deps, id, { type: 'view' }),
    ]);
    const end = history.time > 0 ? history.time : deps.clock();
    const first = history.samples[0]?.[0] ?? end;
    const periodMs = q.period ? Number(q.period.slice(0, -1)) * PERIOD_UNITS[q.period.at(-1) as keyof typeof PERIOD_UNITS] : Math.max(MINUTE, end - first + MINUTE);
    const timeframe = q.timeframe ?? (periodMs <= DAY ? '1Min' : periodMs <= 30 * DAY ? '1H' : '1D');
    const points = Math.ceil(periodMs / STEPS[timeframe]);
    if (points > MAX_POINTS) throw new ProblemError(400, 'Invalid request', `timeframe: ${timeframe} over this period makes ${points} bars; at most ${MAX_POINTS}: use a coarser timeframe or a shorter period`, { errors: [{ field: 'timeframe', message: `at most ${MAX_POINTS} bars` }] });

    const bars = portfolioHistory(history, { periodMs, timeframe, dateEnd: null }, deps.clock());
    // Each bar's equity is taken at its close: the point is stamped with the bar's end.
    const equity: EquityPoint[] = bars.timestamp.map((t, i) => ({ time: t * 1000 + STEPS[timeframe], equity: bars.equity[i]! }));
    const trips = roundTrips(fills);
    const periodsPerYear = (365 * DAY) / STEPS[timeframe];
    const riskFreeRate = q.risk_free_rate ?? 0;
    const since = trips.open.length === 0 ? null : Math.min(...trips.open.map((o) => o.since));
    const report = accountReport({ equity, trades: trips.trades, periodsPerYear, riskFreeRate, openPositionSince: since });
    return c.json(
      {
        accountId: id,
        timeframe,
        periodsPerYear,
        riskFreeRate,
        ...report,
        feesPaid: view.account.feesPaid,
        equity,
        drawdown: drawdownSeries(equity) ?? [],
        roundTrips: trips.trades.map(({ symbol, entryTime, exitTime, pnl, fees }) => ({ symbol, entryTime, exitTime, pnl, fees })),
        openPositions: trips.open,
      },
      200,
    );
  });
}
