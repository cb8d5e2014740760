import { createRoute, z } from '@hono/zod-openapi';
import type { Instrument } from '../../market/instruments/index.ts';
import {
  BENCHMARK,
  betaAgainst,
  defaultWindow,
  isPriced,
  MIN_RETURNS,
  periodsPerYear,
  RISK_TIMEFRAME,
  riskMetrics,
  type ClosePoint,
  type PricedClass,
} from '../../market/portfolio/index.ts';
import type { Timeframe } from '../../market/timeframes.ts';
import { orNull, TimeframeSchema } from '../openapi/schemas.ts';
import { ProblemError } from '../problem.ts';
import type { CandleHistory } from './history.ts';
import { instrumentOf, timeframeOf, type LookupDeps } from './lookup.ts';
import { MAX_ROWS, rangeQuery, tfQuery, wholeNumber } from './params.ts';
import { BAD_REQUEST, createRouter, json, problemResponse, UNAVAILABLE, UNKNOWN_SYMBOL } from './router.ts';

export type RiskDeps = LookupDeps & { history: CandleHistory };

/** A refusal of what the stored history cannot answer: too little of it, or a series that is not a price. */
export const UNPROCESSABLE = problemResponse('Not enough stored history for the window, or a macro series (not a traded price)');

/** The instrument, if it is a traded price; a macro series is a 422 saying why. Shared with the portfolio route. */
export function pricedInstrument(deps: LookupDeps, symbol: string): Instrument & { class: PricedClass } {
  const i = instrumentOf(deps, symbol);
  if (isPriced(i.class)) return i as Instrument & { class: PricedClass };
  throw new ProblemError(422, 'Not a traded price', `${i.symbol} is a macro series (a level such as a rate or an index, not a price one holds): risk is measured for crypto and stocks only`);
}

/** The candles' closes of one series, oldest first. */
export const closesOf = (history: CandleHistory, symbol: string, tf: Timeframe, range: { from?: number; to?: number; limit: number }): ClosePoint[] =>
  history.candles(symbol, tf, range).map((c) => ({ time: c.openTime, close: c.close }));

export const notEnough = (detail: string) => new ProblemError(422, 'Not enough history', detail);

/** An instant for a message: ISO 8601, or the epoch ms as given when no date has it (past the year 275760). */
export const instantText = (t: number): string => (Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : `${t} ms`);

/** The annual risk-free rate from a query string: a decimal fraction, 0.04 for 4%. */
const rateQuery = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'rf must be a decimal number such as 0.04 (4% a year)')
  .transform(Number)
  .pipe(z.number().min(-1, 'rf must be at least -1').max(1, 'rf must be at most 1 (100% a year)'))
  .optional()
  .openapi({ param: { name: 'rf', in: 'query' }, description: 'Annual risk-free rate as a fraction, for Sharpe and Sortino (default 0)', example: '0.04' });

const TailSchema = z.object({
  historical: z.number().openapi({ description: 'From the returns themselves (the (1 − c) quantile, and the mean beyond it)' }),
  parametric: z.number().openapi({ description: 'From a normal distribution with their mean and standard deviation' }),
});
const LevelsSchema = z.object({ p95: TailSchema, p99: TailSchema });

const RiskSchema = z
  .object({
    symbol: z.string(),
    class: z.enum(['crypto', 'stock']),
    tf: TimeframeSchema,
    periodsPerYear: z.number().openapi({ description: 'The annualisation factor: 252 for stocks, 8,760 for crypto hours' }),
    riskFreeRate: z.number(),
    window: z.object({
      returns: z.number().int(),
      from: z.number().int().openapi({ description: "The first candle's open time, epoch ms" }),
      to: z.number().int().openapi({ description: "The last candle's open time, epoch ms" }),
    }),
    meanReturn: z.object({ period: z.number(), annualized: z.number() }),
    volatility: z.object({ period: z.number(), annualized: z.number() }).openapi({ description: 'Sample standard deviation of the returns, and × √periodsPerYear' }),
    var: LevelsSchema.openapi({ description: "One candle's value at risk at 95% and 99%, as a loss: 0.03 is 3% of the position" }),
    cvar: LevelsSchema.openapi({ description: 'Expected shortfall: the mean loss beyond the VaR' }),
    sharpe: orNull(z.number()),
    sortino: orNull(z.number()),
    maxDrawdown: orNull(
      z.object({
        value: z.number().openapi({ description: 'Deepest fall of the close from its running high, as a fraction of that high' }),
        amount: z.number(),
        peakTime: z.number().int(),
        troughTime: z.number().int(),
        recoveryTime: orNull(z.number().int()),
      }),
    ),
    beta: z.object({
      benchmark: z.string().openapi({ example: 'SPY' }),
      value: orNull(z.number()),
      correlation: orNull(z.number()),
      returns: z.number().int().openapi({ description: 'Returns of the candles both have (aligned by open time)' }),
      note: orNull(z.string()),
    }),
  })
  .openapi('RiskReport');

const risk = createRoute({
  method: 'get',
  path: '/api/risk',
  operationId: 'getRisk',
  tags: ['market'],
  summary: "An instrument's risk over its stored candles: volatility, VaR and CVaR, Sharpe, Sortino, drawdown, beta",
  description: [
    'From the simple returns of the last `window` + 1 stored candles before `to` (all of them, up to the default, when no window is given).',
    'Timeframe: 1d for stocks, 1h for crypto unless `tf` says otherwise. Annualised with 252 periods a year for stocks and 365 days for crypto.',
    'VaR and CVaR are of one candle, historical (type-7 quantile) and normal. Beta is against SPY for stocks and BTCUSDT for crypto (or `benchmark`), on the candles both have.',
    `Macro series are refused (422): they are levels, not prices. At least ${MIN_RETURNS} returns are needed.`,
  ].join(' '),
  request: {
    query: z.object({
      symbol: z.string().min(1, 'symbol is required').max(32, 'symbol must be at most 32 characters').openapi({ param: { name: 'symbol', in: 'query' }, example: 'AAPL' }),
      window: wholeNumber('window', MIN_RETURNS, MAX_ROWS - 1)
        .optional()
        .openapi({ param: { name: 'window', in: 'query' }, description: `Returns in the window (${MIN_RETURNS} to ${MAX_ROWS - 1}; default 252 stock days, 365 crypto days or 30 days of a finer timeframe, or what is stored if less)`, example: '252' }),
      tf: tfQuery(),
      to: rangeQuery.to,
      rf: rateQuery,
      benchmark: z.string().min(1).max(32).optional().openapi({ param: { name: 'benchmark', in: 'query' }, description: 'Another benchmark for beta (default SPY for stocks, BTCUSDT for crypto)' }),
    }),
  },
  responses: { 200: json(RiskSchema, 'The risk figures'), 400: BAD_REQUEST, 404: UNKNOWN_SYMBOL, 422: UNPROCESSABLE, 503: UNAVAILABLE },
});

export const riskRoutes = (deps: RiskDeps) =>
  createRouter().openapi(risk, (c) => {
    const q = c.req.valid('query');
    const instrument = pricedInstrument(deps, q.symbol);
    const tf = timeframeOf(instrument, q.tf ?? RISK_TIMEFRAME[instrument.class]);
    const wanted = q.window ?? defaultWindow(instrument.class, tf);
    const window = closesOf(deps.history, instrument.symbol, tf, { ...(q.to !== undefined ? { to: q.to } : {}), limit: wanted + 1 });
    const stored = Math.max(0, window.length - 1);
    const before = q.to !== undefined ? ` before ${instantText(q.to)}` : '';
    if (q.window !== undefined && stored < q.window) throw notEnough(`${instrument.symbol} has ${window.length} stored ${tf} candles${before}: a window of ${q.window} returns needs ${q.window + 1}`);
    if (stored < MIN_RETURNS) throw notEnough(`${instrument.symbol} has ${window.length} stored ${tf} candles${before}: at least ${MIN_RETURNS + 1} are needed (${MIN_RETURNS} returns)`);
    const P = periodsPerYear(instrument.class, tf);
    const rf = q.rf ?? 0;
    const m = riskMetrics(window, { periodsPerYear: P, riskFreeRate: rf });
    return c.json(
      {
        symbol: instrument.symbol,
        class: instrument.class,
        tf,
        periodsPerYear: P,
        riskFreeRate: rf,
        window: { returns: m.returns, from: window[0]!.time, to: window.at(-1)!.time },
        meanReturn: m.meanReturn,
        volatility: m.volatility,
        var: m.var,
        cvar: m.cvar,
        sharpe: m.sharpe,
        sortino: m.sortino,
        maxDrawdown: m.maxDrawdown,
        beta: betaOf(deps, instrument, tf, window, q.benchmark),
      },
      200,
    );
  });

/** Beta against the class's benchmark (or the one asked for) over the window's span; null with a note when they share too few candles. */
function betaOf(deps: RiskDeps, instrument: Instrument & { class: PricedClass }, tf: Timeframe, window: ClosePoint[], asked: string | undefined) {
  // One asked for must exist (404 otherwise) and be a price (422); the default is the registry's, when it has it.
  const benchmark = asked === undefined ? BENCHMARK[instrument.class] : pricedInstrument(deps, asked).symbol;
  const span = { from: window[0]!.time, to: window.at(-1)!.time + 1, limit: MAX_ROWS };
  const b = betaAgainst(window, closesOf(deps.history, benchmark, tf, span));
  if (b.returns >= MIN_RETURNS) return { benchmark, ...b, note: null };
  return { benchmark, value: null, correlation: null, returns: b.returns, note: `${benchmark} shares ${b.returns} ${tf} returns with ${instrument.symbol} in the window: at least ${MIN_RETURNS} are needed` };
}
