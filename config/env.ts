import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { LOG_LEVELS } from '../log/logger.ts';
import { parseModelChoice, SHIPPED_MODELS } from '../models/registry/index.ts';
import { parseWebhooks } from '../notify/config.ts';

/**
 * The process environment, parsed once at the composition root. Every variable is optional;
 * an empty string counts as unset, because container runtimes and .env files often write
 * `NAME=` to mean "leave it alone".
 */
type Env = Record<string, string | undefined>;

const blankIsUnset = (v: unknown) => (v === '' ? undefined : v);

/** A whole decimal number within [min, max]; the message says what was expected and what came. */
const integer = (name: string, min: number, max: number, note = '') =>
  z.string().transform((text, ctx) => {
    const n = Number(text);
    if (/^\s*\d+\s*$/.test(text) && n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `${name} must be an integer from ${min} to ${max}${note}, got ${JSON.stringify(text)}` });
    return z.NEVER;
  });

const isRedisUrl = (text: string) => {
  try {
    return ['redis:', 'rediss:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
};

const envSchema = z
  .object({
    PORT: z.preprocess(blankIsUnset, integer('PORT', 0, 65_535, ' (0 picks any free port)').default(3000)),
    HOST: z.preprocess(
      blankIsUnset,
      z.string().regex(/^[^\s/]+$/, { error: (i) => `HOST must be a hostname or IP address, got ${JSON.stringify(i.input)}` }).default('0.0.0.0'),
    ),
    TICKFLOW_DB: z.preprocess(blankIsUnset, z.string().default('./var/tickflow.db')),
    REDIS_URL: z.preprocess(
      blankIsUnset,
      z.string().refine(isRedisUrl, { error: (i) => `REDIS_URL must be a redis:// or rediss:// URL, got ${JSON.stringify(i.input)}` }).optional(),
    ),
    // Computed at parse time, not import time, so importing this module reads nothing.
    WORKERS: z.preprocess(blankIsUnset, integer('WORKERS', 1, 256).default(() => Math.min(256, availableParallelism()))),
    LOG_LEVEL: z.preprocess(
      (v) => (typeof v === 'string' && v !== '' ? v.toLowerCase() : undefined),
      z.enum(LOG_LEVELS, { error: (i) => `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(i.input)}` }).default('info'),
    ),
    REPLAY_SPEED: z.preprocess(
      blankIsUnset,
      z
        .string()
        .transform((text, ctx) => {
          const n = Number(text);
          if (text.trim() !== '' && Number.isFinite(n) && n >= 0) return n;
          ctx.addIssue({ code: 'custom', message: `REPLAY_SPEED must be a number >= 0 (0: as fast as it goes), got ${JSON.stringify(text)}` });
          return z.NEVER;
        })
        .default(60),
    ),
    FEED: z.preprocess(
      (v) => (typeof v === 'string' && v !== '' ? v.toLowerCase() : undefined),
      z.enum(['replay', 'live'], { error: (i) => `FEED must be replay or live, got ${JSON.stringify(i.input)}` }).default('replay'),
    ),
    BINANCE_WS_BASE: z.preprocess(blankIsUnset, z.string().regex(/^wss?:\/\//, 'BINANCE_WS_BASE must be a ws:// or wss:// URL').default('wss://stream.binance.com:9443')),
    BINANCE_REST_BASE: z.preprocess(blankIsUnset, z.string().regex(/^https?:\/\//, 'BINANCE_REST_BASE must be an http(s):// URL').default('https://api.binance.com')),
    YAHOO_BASE: z.preprocess(blankIsUnset, z.string().regex(/^https?:\/\//, 'YAHOO_BASE must be an http(s):// URL').default('https://query1.finance.yahoo.com')),
    FRED_BASE: z.preprocess(blankIsUnset, z.string().regex(/^https?:\/\//, 'FRED_BASE must be an http(s):// URL').default('https://api.stlouisfed.org')),
    // FRED refuses any other shape with a 400; saying so at startup beats a feed rejected at its first look.
    FRED_API_KEY: z.preprocess(
      blankIsUnset,
      z
        .string()
        .regex(/^[a-z0-9]{32}$/, { error: (i) => `FRED_API_KEY must be 32 lower-case letters and digits, as FRED issues them; got ${String((i.input as string).length)} characters` })
        .optional(),
    ),
    // The folder of model sets the engine forecasts with; `none`: no forecasts.
    MODELS_DIR: z.preprocess(blankIsUnset, z.string().default(SHIPPED_MODELS)),
    // Which model set serves a class and timeframe, as JSON: {"crypto":{"1h":"crypto-1h-h4@1"}}. Default: the newest loaded.
    MODEL_CHOICE: z.preprocess(
      blankIsUnset,
      z
        .string()
        .transform((text, ctx) => {
          try {
            return parseModelChoice(JSON.parse(text));
          } catch (e) {
            ctx.addIssue({ code: 'custom', message: `MODEL_CHOICE must be JSON such as {"crypto":{"1h":"crypto-1h-h4@1"}}: ${(e as Error).message}` });
            return z.NEVER;
          }
        })
        .optional(),
    ),
    ADMIN_KEY: z.preprocess(
      blankIsUnset,
      z.string().min(16, { error: (i) => `ADMIN_KEY must be at least 16 characters when set, got ${String((i.input as string).length)}` }).optional(),
    ),
    // Webhooks for signals, fills and risk events, as JSON: [{"url":"https://discord.com/api/webhooks/…","events":["fill","risk"]}] (notify/config.ts).
    WEBHOOKS: z.preprocess(
      blankIsUnset,
      z
        .string()
        .transform((text, ctx) => {
          const r = parseWebhooks(text);
          if (r.ok) return r.webhooks;
          ctx.addIssue({ code: 'custom', message: `WEBHOOKS must be a JSON array of webhooks such as [{"url":"https://discord.com/api/webhooks/…"}]: ${r.error}` });
          return z.NEVER;
        })
        .default([]),
    ),
    // An account this far below its equity high is a risk event (notify/drawdown-watch.ts).
    DRAWDOWN_ALERT_PCT: z.preprocess(
      blankIsUnset,
      z
        .string()
        .transform((text, ctx) => {
          const n = Number(text);
          if (text.trim() !== '' && Number.isFinite(n) && n > 0 && n <= 100) return n / 100;
          ctx.addIssue({ code: 'custom', message: `DRAWDOWN_ALERT_PCT must be a percentage above 0 and at most 100, got ${JSON.stringify(text)}` });
          return z.NEVER;
        })
        .default(0.1),
    ),
  })
  .transform((e) => ({
    port: e.PORT,
    host: e.HOST,
    db: e.TICKFLOW_DB,
    redisUrl: e.REDIS_URL,
    workers: e.WORKERS,
    logLevel: e.LOG_LEVEL,
    adminKey: e.ADMIN_KEY,
    forecasts: e.MODELS_DIR === 'none' ? undefined : { models: e.MODELS_DIR, choice: e.MODEL_CHOICE ?? {} },
    replaySpeed: e.REPLAY_SPEED,
    feed: e.FEED,
    binance: { wsBase: e.BINANCE_WS_BASE, restBase: e.BINANCE_REST_BASE },
    yahoo: { baseUrl: e.YAHOO_BASE },
    fred: { baseUrl: e.FRED_BASE, apiKey: e.FRED_API_KEY },
    notify: { webhooks: e.WEBHOOKS, drawdownAlert: e.DRAWDOWN_ALERT_PCT },
  }));

export type Config = z.infer<typeof envSchema>;
export type LogLevel = Config['logLevel'];
export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

/** Parses the environment; never throws and never exits, so callers decide what a bad one means. */
export function loadConfig(env: Env = process.env): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  const problems = parsed.error.issues.map((i) => i.message);
  return { ok: false, error: `Invalid environment: ${problems.join('; ')}` };
}
