import { z } from 'zod';
import { timeframeSchema } from '../market/timeframes.ts';

/** The built-in strategies, by the `kind` a config names them with (strategies/builtins.ts). */
export const BUILTIN_KINDS = ['sma-crossover', 'ema-crossover', 'rsi-reversion', 'bollinger-breakout', 'forecast', 'multi-timeframe'] as const;
export type BuiltinKind = (typeof BUILTIN_KINDS)[number];

/**
 * A strategy id names its actor (`strategy/<id>`), its topic (`signal.<id>`) and begins every
 * client_order_id it sends, so it must be a topic segment and short: lower case, digits, _ and -.
 */
export const strategyIdSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, { error: (i) => `must be 1 to 48 lower-case letters, digits, _ or - (starting with a letter or digit), got ${JSON.stringify(i.input)}` });

/** Tickflow's symbols (BTCUSDT, AAPL): they are topic segments, so no dots or slashes. */
export const symbolSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Z0-9_-]{1,32}$/, { error: (i) => `must be upper-case letters and digits as Tickflow writes symbols (BTCUSDT), got ${JSON.stringify(i.input)}` });

const pct = (max: number) => z.number({ error: 'must be a number' }).positive({ error: 'must be above 0' }).max(max, { error: `must be at most ${max}` });

/**
 * How big an entry is. `fixed`: that quantity. `equity`: `pct` % of the strategy's equity at
 * the decision price. `volatility`: the notional whose annualised volatility (the σ of the last
 * `lookback` log returns of the decision timeframe's closes) is `targetPct` % of equity, capped
 * at `maxPct` % of equity. Quantities are rounded down to `lot` (0.000001 by default).
 */
export const sizingSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('fixed'), qty: z.number({ error: 'must be a number' }).positive({ error: 'must be above 0' }) }).strict(),
    z.object({ kind: z.literal('equity'), pct: pct(100) }).strict(),
    z
      .object({
        kind: z.literal('volatility'),
        targetPct: pct(1_000),
        lookback: z.number().int().min(2).max(10_000).default(20),
        maxPct: pct(100).default(100),
      })
      .strict(),
  ],
  { error: (i) => `must be fixed, equity or volatility, got ${JSON.stringify((i.input as { kind?: unknown } | undefined)?.kind)}` },
);
export type Sizing = z.output<typeof sizingSchema>;

/**
 * Protective exits, checked by the runner on every closed candle of the decision timeframe: a
 * long whose candle traded at or below entry × (1 − stopLossPct/100) is closed at market (the
 * mirror for a short), and likewise at take-profit. Decided on a close, filled at the next price,
 * as every other decision.
 */
export const exitsSchema = z
  .object({
    stopLossPct: pct(100).optional(),
    takeProfitPct: pct(10_000).optional(),
  })
  .strict();

const base = {
  id: strategyIdSchema,
  /** A built-in strategy (BUILTIN_KINDS); exactly one of `kind` and `module`. */
  kind: z.enum(BUILTIN_KINDS, { error: (i) => `must be one of ${BUILTIN_KINDS.join(', ')}, got ${JSON.stringify(i.input)}` }).optional(),
  /** Your own strategy: the path of a TypeScript or JavaScript module (strategies/module.ts says what it exports). */
  module: z.string().min(1, { error: 'must be a path' }).optional(),
  symbols: z.array(symbolSchema, { error: 'must be an array of symbols' }).min(1, { error: 'must name at least one symbol' }).max(100),
  /** The timeframe decisions are made on: each of its closed candles is a decision point. */
  timeframe: timeframeSchema,
  /** Further timeframes the strategy hears (a trend on 1h beside entries on 5m). */
  timeframes: z.array(timeframeSchema).default([]),
  /** The strategy's own parameters, checked by its definition's schema. */
  params: z.record(z.string(), z.unknown()).default({}),
  /** The paper account its orders go to (`account/<accountId>`). */
  accountId: z.string().regex(/^[A-Za-z0-9_-]+$/, { error: 'must be letters, digits, _ or -' }),
  sizing: sizingSchema.default({ kind: 'fixed', qty: 1 }),
  exits: exitsSchema.default({}),
  /** long-only: never sells more than it holds. long-short: a bearish signal may open a short. */
  direction: z.enum(['long-only', 'long-short'], { error: 'must be long-only or long-short' }).default('long-only'),
  /**
   * The money the strategy sizes from and counts its cash against (the account may be shared
   * by several strategies). Needed by `equity` and `volatility` sizing.
   */
  capital: z.number().positive({ error: 'must be above 0' }).optional(),
  /** Closed candles per timeframe replayed from the candle store at start, to warm indicators up. */
  warmup: z.number().int().min(0).max(100_000).default(500),
};

/** A strategy config as JSON (REST, files, backtest configs): zod-validated, defaults filled in. */
export const strategyConfigSchema = z
  .object(base)
  .strict()
  .superRefine((c, ctx) => {
    if ((c.kind === undefined) === (c.module === undefined)) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'give exactly one of kind (a built-in) and module (a path)' });
    if (c.sizing.kind !== 'fixed' && c.capital === undefined) ctx.addIssue({ code: 'custom', path: ['capital'], message: `sizing ${c.sizing.kind} needs capital: the money the strategy sizes from` });
    if (new Set(c.symbols).size !== c.symbols.length) ctx.addIssue({ code: 'custom', path: ['symbols'], message: 'must not repeat' });
    if (c.timeframes.includes(c.timeframe)) ctx.addIssue({ code: 'custom', path: ['timeframes'], message: 'timeframes lists the further timeframes; the decision timeframe is already heard' });
  });
export type StrategyConfig = z.output<typeof strategyConfigSchema>;
export type StrategyConfigInput = z.input<typeof strategyConfigSchema>;

/** Every timeframe a strategy hears: the decision timeframe first. */
export const timeframesOf = (c: StrategyConfig) => [c.timeframe, ...c.timeframes];

/** A zod error as one line per issue: `path: message`, for 400s and CLI messages. */
export const describeIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'config'}: ${i.message}`).join('; ');
