import { createRoute, z } from '@hono/zod-openapi';
import {
  alignByTime,
  closeReturns,
  defaultWindow,
  InfeasiblePortfolioError,
  MIN_RETURNS,
  optimizePortfolio,
  periodsPerYear,
  RISK_TIMEFRAME,
  type PortfolioPoint,
} from '../../market/portfolio/index.ts';
import { TIMEFRAMES, type Timeframe } from '../../market/timeframes.ts';
import { orNull, TimeframeSchema } from '../openapi/schemas.ts';
import { badParameter, ProblemError } from '../problem.ts';
import { builtTimeframes } from './lookup.ts';
import { MAX_ROWS, parseInstant, timeframe } from './params.ts';
import { closesOf, instantText, notEnough, pricedInstrument, UNPROCESSABLE, type RiskDeps } from './risk.ts';
import { BAD_REQUEST, createRouter, json, UNAVAILABLE, UNKNOWN_SYMBOL } from './router.ts';

const MAX_SYMBOLS = 50;
const weight = (name: string) =>
  z.number({ error: (i) => `${name} must be a number, got ${JSON.stringify(i.input)}` }).min(0, `${name} must be at least 0 (long only)`).max(1, `${name} must be at most 1`);

const BoundsSchema = z
  .object({ min: weight('min').optional(), max: weight('max').optional() })
  .strict()
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, { message: 'min must not exceed max' });

const OptimizeBody = z
  .object({
    symbols: z
      .array(z.string().min(1).max(32), { error: 'symbols must be an array of symbols' })
      .min(2, 'symbols: a portfolio needs at least 2')
      .max(MAX_SYMBOLS, `symbols: at most ${MAX_SYMBOLS}`)
      .refine((s) => new Set(s.map((x) => x.toUpperCase())).size === s.length, { message: 'symbols must not repeat' })
      .openapi({ example: ['AAPL', 'MSFT', 'JNJ', 'XOM'] }),
    tf: timeframe('tf').optional().openapi({ description: 'Candle timeframe (default 1d with any stock, 1h for crypto only)' }),
    window: z.number().int('window must be a whole number').min(MIN_RETURNS, `window must be at least ${MIN_RETURNS}`).max(MAX_ROWS - 1, `window must be at most ${MAX_ROWS - 1}`).optional().openapi({ description: 'Returns per symbol, the latest before `to` (default as /api/risk)', example: 252 }),
    to: z
      .union([z.number().int(), z.string()])
      .transform((v, ctx) => {
        const t = typeof v === 'number' ? v : parseInstant(v);
        if (t !== null) return t;
        ctx.addIssue({ code: 'custom', message: `to must be epoch ms or an ISO 8601 date, got ${JSON.stringify(v)}` });
        return z.NEVER;
      })
      .optional()
      .openapi({ description: 'Exclusive end of the history used: epoch ms or ISO 8601', example: '2018-01-01' }),
    riskFreeRate: z.number().min(-1).max(1).default(0).openapi({ description: 'Annual, as a fraction (0.04 is 4%)' }),
    minWeight: weight('minWeight').default(0).openapi({ description: 'Every weight at least this (default 0)' }),
    maxWeight: weight('maxWeight').default(1).openapi({ description: 'Every weight at most this (default 1)' }),
    bounds: z.record(z.string(), BoundsSchema).optional().openapi({ description: 'Per symbol, overriding minWeight/maxWeight', example: { XOM: { max: 0.1 } } }),
    frontierPoints: z.number().int().min(2, 'frontierPoints must be at least 2').max(100, 'frontierPoints must be at most 100').default(20),
  })
  .strict()
  .openapi('OptimizeRequest');

const PointSchema = z
  .object({
    weights: z.record(z.string(), z.number()).openapi({ example: { AAPL: 0.2, MSFT: 0.3, JNJ: 0.5 } }),
    expectedReturn: z.number().openapi({ description: 'Annualised (arithmetic mean × periods a year)' }),
    volatility: z.number().openapi({ description: 'Annualised' }),
    sharpe: orNull(z.number()),
  })
  .openapi('Portfolio');

const OptimizeSchema = z
  .object({
    symbols: z.array(z.string()),
    tf: TimeframeSchema,
    periodsPerYear: z.number(),
    riskFreeRate: z.number(),
    window: z.object({ returns: z.number().int().openapi({ description: 'Returns of the candles every symbol has' }), from: z.number().int(), to: z.number().int() }),
    bounds: z.record(z.string(), z.object({ min: z.number(), max: z.number() })),
    assets: z.array(z.object({ symbol: z.string(), expectedReturn: z.number(), volatility: z.number() })),
    covariance: z.array(z.array(z.number())).openapi({ description: 'Annualised sample covariance, in the order of `symbols`' }),
    minVariance: PointSchema,
    maxSharpe: orNull(PointSchema),
    frontier: z.array(PointSchema).openapi({ description: 'Efficient portfolios from the minimum-variance one to the highest expected return the bounds allow, evenly spaced in return' }),
    note: orNull(z.string()),
  })
  .openapi('OptimizedPortfolios');

const optimize = createRoute({
  method: 'post',
  path: '/api/portfolio/optimize',
  operationId: 'optimizePortfolio',
  tags: ['market'],
  summary: 'Mean-variance portfolios over stored history: minimum variance, maximum Sharpe, the efficient frontier',
  description: [
    'Long-only, fully invested, each weight within its bounds; every portfolio is the exact solution of its quadratic programme (active set).',
    'Expected returns and covariance are the sample mean and covariance of simple returns on the candles all symbols have, annualised arithmetically.',
    'Impossible constraints (minimums adding up to more than 1, maximums to less), too little shared history, and a singular covariance are a 422 saying which.',
  ].join(' '),
  request: { body: { content: { 'application/json': { schema: OptimizeBody } }, required: true } },
  responses: { 200: json(OptimizeSchema, 'The portfolios'), 400: BAD_REQUEST, 404: UNKNOWN_SYMBOL, 422: UNPROCESSABLE, 503: UNAVAILABLE },
});

export const portfolioRoutes = (deps: RiskDeps) =>
  createRouter().openapi(optimize, (c) => {
    const body = c.req.valid('json');
    const instruments = body.symbols.map((s) => pricedInstrument(deps, s));
    const symbols = instruments.map((i) => i.symbol);
    const anyStock = instruments.some((i) => i.class === 'stock');
    const tf: Timeframe = body.tf ?? (anyStock ? RISK_TIMEFRAME.stock : RISK_TIMEFRAME.crypto);
    const lacking = instruments.filter((i) => !builtTimeframes(i).includes(tf)).map((i) => i.symbol);
    if (lacking.length > 0) throw badParameter('tf', `${lacking.join(', ')} ${lacking.length === 1 ? 'is' : 'are'} not built on ${tf} (stocks have 1d candles only; one of ${TIMEFRAMES.join(', ')} for crypto)`);
    const unknown = Object.keys(body.bounds ?? {}).filter((k) => !symbols.includes(k.toUpperCase()));
    if (unknown.length > 0) throw badParameter('bounds', `bounds name symbols not in the portfolio: ${unknown.join(', ')}`);
    const bounds = symbols.map((s) => {
      const own = Object.entries(body.bounds ?? {}).find(([k]) => k.toUpperCase() === s)?.[1] ?? {};
      return { min: own.min ?? body.minWeight, max: own.max ?? body.maxWeight };
    });
    const bad = bounds.findIndex((b) => b.min > b.max);
    if (bad >= 0) throw badParameter('bounds', `${symbols[bad]}: min ${bounds[bad]!.min} exceeds max ${bounds[bad]!.max}`);

    const { times, returns } = sharedReturns(deps, symbols, tf, body.window, body.to);
    // With a stock among them the shared candles are trading days, whatever else is there.
    const P = periodsPerYear(anyStock ? 'stock' : 'crypto', tf);
    let result;
    try {
      result = optimizePortfolio({ returns, periodsPerYear: P, riskFreeRate: body.riskFreeRate, bounds, frontierPoints: body.frontierPoints });
    } catch (e) {
      if (e instanceof InfeasiblePortfolioError) throw new ProblemError(422, 'Infeasible portfolio', e.message.replace(/^asset (\d+)/, (_, i: string) => symbols[Number(i)]!));
      throw e;
    }
    const named = (p: PortfolioPoint) => ({ ...p, weights: Object.fromEntries(symbols.map((s, i) => [s, p.weights[i]!])) });
    return c.json(
      {
        symbols,
        tf,
        periodsPerYear: P,
        riskFreeRate: body.riskFreeRate,
        window: { returns: returns[0]!.length, from: times[0]!, to: times.at(-1)! },
        bounds: Object.fromEntries(symbols.map((s, i) => [s, bounds[i]!])),
        assets: result.assets.map((a, i) => ({ symbol: symbols[i]!, ...a })),
        covariance: result.covariance,
        minVariance: named(result.minVariance),
        maxSharpe: result.maxSharpe ? named(result.maxSharpe) : null,
        frontier: result.frontier.map(named),
        note: result.note,
      },
      200,
    );
  });

/**
 * The returns of every symbol on the candles they all have: each symbol's last `window` + 1
 * candles up to the earliest of their newest ones (so one symbol's later history does not leave
 * the others behind), aligned by open time.
 */
function sharedReturns(deps: RiskDeps, symbols: string[], tf: Timeframe, asked: number | undefined, to: number | undefined) {
  const upTo = to !== undefined ? { to } : {};
  const newest = symbols.map((s) => closesOf(deps.history, s, tf, { ...upTo, limit: 1 })[0]?.time);
  const empty = symbols.filter((_, i) => newest[i] === undefined);
  if (empty.length > 0) throw notEnough(`no stored ${tf} candles for ${empty.join(', ')}${to !== undefined ? ` before ${instantText(to)}` : ''}`);
  const end = Math.min(...(newest as number[])) + 1;
  const wanted = asked ?? Math.max(...symbols.map((s) => defaultWindow(deps.instruments.get(s).class === 'stock' ? 'stock' : 'crypto', tf)));
  const series = symbols.map((s) => closesOf(deps.history, s, tf, { to: end, limit: wanted + 1 }));
  if (asked !== undefined) {
    const short = symbols.filter((_, i) => series[i]!.length < asked + 1);
    if (short.length > 0) throw notEnough(`a window of ${asked} returns needs ${asked + 1} ${tf} candles of each symbol up to ${instantText(end - 1)}; ${short.map((s) => `${s} has ${series[symbols.indexOf(s)]!.length}`).join(', ')}`);
  }
  const { times, closes } = alignByTime(series);
  if (times.length - 1 < MIN_RETURNS) throw notEnough(`${symbols.join(', ')} share ${times.length} ${tf} candles in the window: at least ${MIN_RETURNS + 1} are needed (${MIN_RETURNS} returns)`);
  const returns = closes.map((c, i) => {
    const r = closeReturns(c.map((close, k) => ({ time: times[k]!, close })));
    if (!r) throw notEnough(`${symbols[i]} has a close at or below zero in the window: returns are not defined`);
    return r;
  });
  return { times, returns };
}
