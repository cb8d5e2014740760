import { z } from 'zod';
import { describeIssues, strategyConfigSchema, symbolSchema, type StrategyConfig } from '../strategies/config.ts';
import { TIMEFRAMES, timeframeSchema, type Timeframe } from '../market/timeframes.ts';

/** A time as epoch ms or an ISO 8601 date or date-time (UTC when it names no zone). */
const timeSchema = z.union([z.number().int(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)} is not a time: give epoch ms or an ISO 8601 date (2021-04-02, 2021-04-02T12:00:00Z)` });
    return z.NEVER;
  }
  return t;
});

/**
 * Where one symbol's bars come from: a CSV file in any layout `tickflow import` reads (plain or
 * .gz), a SQLite candle store (`tickflow import` fills one), the engine's own store, or the data
 * bundled with Tickflow.
 */
export const dataSourceSchema = z.union(
  [
    z.object({ symbol: symbolSchema, csv: z.string().min(1, { error: 'csv must be a path' }) }).strict(),
    z.object({ symbol: symbolSchema, db: z.string().min(1, { error: 'db must be a path' }), tf: timeframeSchema.default('1m') }).strict(),
    z.object({ symbol: symbolSchema, bundled: z.literal(true) }).strict(),
    /** The engine's own candle store (TICKFLOW_DB): what `tickflow import` and a running engine filled. */
    z.object({ symbol: symbolSchema, store: z.literal(true), tf: timeframeSchema.default('1m') }).strict(),
  ],
  { error: 'each data entry is {symbol, csv}, {symbol, db[, tf]}, {symbol, store: true[, tf]} or {symbol, bundled: true}' },
);
export type DataSource = z.output<typeof dataSourceSchema>;

/** The paper account the strategies trade: what it starts with and how fills are charged. */
export const accountSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,48}$/, { error: 'account.id must be 1 to 48 letters, digits, _ or -' }).default('backtest'),
    cash: z.number().positive({ error: 'account.cash must be above 0' }).default(100_000),
    /** Commission, % of each fill's notional (0.1: 0.1%). */
    commissionPct: z.number().min(0).max(10, { error: 'account.commissionPct is a percentage of notional, at most 10' }).default(0),
    /** Slippage of market (taker) fills, basis points against the order. */
    slippageBps: z.number().min(0).max(1_000).default(0),
    allowShort: z.boolean().default(false),
  })
  .strict();

/** A parameter grid: every combination of the listed values is one run of the strategy named. */
export const sweepSchema = z
  .object({
    /** The strategy whose params vary (default: the only one). */
    strategy: z.string().optional(),
    /** Param name → the values it takes; the grid is their cartesian product. */
    params: z.record(z.string(), z.array(z.union([z.number(), z.string(), z.boolean()])).min(1, { error: 'a swept param needs at least one value' })),
    /** The metric the results are ranked by, best first. */
    rankBy: z.enum(['totalReturn', 'cagr', 'sharpe', 'sortino', 'maxDrawdown', 'winRate', 'profitFactor', 'finalValue']).default('sharpe'),
    /** Combinations above this are refused: a typo in a grid should not start a day of work. */
    maxRuns: z.number().int().positive().max(100_000).default(10_000),
  })
  .strict();
export type SweepSpec = z.output<typeof sweepSchema>;

/** Switches that exist for tests: a worker crash injected at a simulated time. */
export const chaosSchema = z
  .object({
    /** Kill a worker at the first pause at or after this time. */
    crashAt: timeSchema,
    /** The worker to kill; default the one hosting the first account. */
    worker: z.number().int().nonnegative().optional(),
  })
  .strict();

const base = z
  .object({
    name: z.string().min(1).max(120).default('backtest'),
    description: z.string().max(2_000).optional(),
    /** Values for `${name}` placeholders in the config's strings (a CLI `--param name=value` overrides them). */
    params: z.record(z.string(), z.string()).default({}),
    data: z.array(dataSourceSchema).min(1, { error: 'data must name at least one symbol' }).max(1_000),
    /** Bars opening in [from, to) take part; default all. */
    from: timeSchema.optional(),
    to: timeSchema.optional(),
    /** Bars played as prints: the data's own timeframe by default, or a coarser one resampled from it. */
    playTf: timeframeSchema.optional(),
    account: accountSchema.prefault({}),
    strategies: z.array(z.unknown()).min(1, { error: 'strategies must list at least one strategy' }).max(10_000),
    /** Fill rule: an order decided on a bar's close fills at the next bar's open (the print that revealed the close). */
    fills: z.literal('next-open').default('next-open'),
    report: z
      .object({
        /** The equity curve's sampling: marked at each close of this timeframe (default: the finest decision timeframe). */
        every: timeframeSchema.optional(),
        /** Periods per year for annualising (default: 365-day year of `every` periods, as crypto trades). */
        periodsPerYear: z.number().positive().optional(),
        /** Annual risk-free rate for Sharpe and Sortino (0.04: 4%). */
        riskFreeRate: z.number().min(-1).max(1).default(0),
      })
      .strict()
      .prefault({}),
    sweep: sweepSchema.optional(),
    /** Worker threads (default 1, a sweep one per core); the report is the same with any number. */
    workers: z.number().int().min(1).max(64).optional(),
    chaos: chaosSchema.optional(),
  })
  .strict();

export interface BacktestConfig extends Omit<z.output<typeof base>, 'strategies'> {
  readonly strategies: readonly StrategyConfig[];
}

export type ConfigResult = { ok: true; config: BacktestConfig } | { ok: false; error: string };

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces `${name}` in every string of `value`; a name with no value is collected in `missing`. */
function substitute(value: unknown, params: Readonly<Record<string, string>>, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, name: string) => {
      if (Object.hasOwn(params, name)) return params[name]!;
      missing.add(name);
      return whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, params, missing));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, params, missing)]));
  return value;
}

/**
 * Checks a backtest config (parsed JSON): placeholders filled from its `params` and `overrides`,
 * each strategy checked by the strategy schema (its account defaults to the backtest's), every
 * symbol a strategy trades present in `data`. Errors name the field: `strategies.0.timeframe: ...`.
 */
export function parseBacktestConfig(json: unknown, overrides: Readonly<Record<string, string>> = {}): ConfigResult {
  const declared = z.object({ params: z.record(z.string(), z.string(), { error: 'params maps names to strings' }).default({}) }).loose().safeParse(json);
  if (!declared.success) return { ok: false, error: describeIssues(declared.error) };
  const params = { ...declared.data.params, ...overrides };
  const missing = new Set<string>();
  const { params: _declared, ...rest } = declared.data;
  const filled = { ...(substitute(rest, params, missing) as object), params };
  if (missing.size > 0) return { ok: false, error: `no value for ${[...missing].map((m) => `\${${m}}`).join(', ')}: add it to params or pass --param ${[...missing][0]}=...` };
  const parsed = base.safeParse(filled);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const config = parsed.data;

  const strategies: StrategyConfig[] = [];
  for (const [i, raw] of config.strategies.entries()) {
    const withAccount = raw && typeof raw === 'object' && !Array.isArray(raw) ? { accountId: config.account.id, ...raw } : raw;
    const s = strategyConfigSchema.safeParse(withAccount);
    if (!s.success) return { ok: false, error: describeIssues(s.error).replace(/(^|; )/g, `$1strategies.${i}.`) };
    strategies.push(s.data);
  }
  const problem = crossCheck(config, strategies);
  if (problem) return { ok: false, error: problem };
  return { ok: true, config: { ...config, strategies } };
}

/** What the schemas cannot see one field at a time. */
function crossCheck(config: z.output<typeof base>, strategies: StrategyConfig[]): string | null {
  const symbols = config.data.map((d) => d.symbol);
  if (new Set(symbols).size !== symbols.length) return 'data: each symbol may appear once';
  const ids = strategies.map((s) => s.id);
  if (new Set(ids).size !== ids.length) return 'strategies: ids must be unique';
  for (const [i, s] of strategies.entries()) {
    const unknown = s.symbols.find((sym) => !symbols.includes(sym));
    if (unknown) return `strategies.${i}.symbols: ${unknown} has no data; data lists ${symbols.join(', ')}`;
    if (s.accountId !== config.account.id) return `strategies.${i}.accountId: a backtest has one account, ${JSON.stringify(config.account.id)}; got ${JSON.stringify(s.accountId)}`;
  }
  if (config.from !== undefined && config.to !== undefined && config.from >= config.to) return 'to must be after from';
  if (config.sweep) {
    const target = config.sweep.strategy ?? (strategies.length === 1 ? strategies[0]!.id : undefined);
    if (target === undefined) return 'sweep.strategy: name the strategy whose params vary (there are several)';
    if (!ids.includes(target)) return `sweep.strategy: no strategy ${JSON.stringify(target)}; strategies are ${ids.join(', ')}`;
    const runs = Object.values(config.sweep.params).reduce((n, values) => n * values.length, 1);
    if (runs > config.sweep.maxRuns) return `sweep: the grid has ${runs} combinations, more than sweep.maxRuns (${config.sweep.maxRuns})`;
  }
  return null;
}

/** The timeframes of the market: every timeframe a strategy hears, finest first. */
export function marketTimeframes(strategies: readonly StrategyConfig[]): Timeframe[] {
  const used = new Set(strategies.flatMap((s) => [s.timeframe, ...s.timeframes]));
  return TIMEFRAMES.filter((tf) => used.has(tf));
}
