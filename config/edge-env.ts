import { z } from 'zod';

/**
 * The HTTP edge's part of the environment: rate limits, CORS, body size, proxy trust. Kept apart
 * from env.ts so the edge can be configured (and tested) on its own; parsed once at the
 * composition root, like env.ts: an empty string counts as unset, and parsing never throws.
 */
type Env = Record<string, string | undefined>;

const blankIsUnset = (v: unknown) => (v === '' ? undefined : v);

/** A decimal number within [min, max]; `integer` refuses fractions. The message names the variable. */
const number = (name: string, min: number, max: number, { integer = false, note = '' } = {}) =>
  z.string().transform((text, ctx) => {
    const n = Number(text);
    const shaped = integer ? /^\s*\d+\s*$/.test(text) : text.trim() !== '';
    if (shaped && Number.isFinite(n) && n >= min && n <= max) return n;
    const what = integer ? `an integer from ${min} to ${max}` : `a number from ${min} to ${max}`;
    ctx.addIssue({ code: 'custom', message: `${name} must be ${what}${note}, got ${JSON.stringify(text)}` });
    return z.NEVER;
  });

/** `*`, or origins exactly as browsers send them in `Origin`: scheme, host, optional port, nothing else. */
const corsOrigins = z.string().transform((text, ctx): '*' | string[] => {
  if (text.trim() === '*') return '*';
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = items.filter((o) => {
    try {
      return new URL(o).origin !== o;
    } catch {
      return true;
    }
  });
  if (items.length > 0 && bad.length === 0) return [...new Set(items)];
  const why = items.length === 0 ? 'no origin' : `not an origin: ${bad.map((b) => JSON.stringify(b)).join(', ')}`;
  ctx.addIssue({ code: 'custom', message: `CORS_ORIGINS must be * or a comma-separated list of origins such as https://app.example.com (scheme, host and port, no path or trailing slash); ${why}` });
  return z.NEVER;
});

const bool = (name: string) =>
  z.string().transform((text, ctx) => {
    const t = text.trim().toLowerCase();
    if (t === 'true' || t === 'false') return t === 'true';
    ctx.addIssue({ code: 'custom', message: `${name} must be true or false, got ${JSON.stringify(text)}` });
    return z.NEVER;
  });

export const edgeEnvSchema = z
  .object({
    // 0 switches rate limiting off: for load tests and benchmarks, never a production default.
    RATE_LIMIT_PER_SEC: z.preprocess(blankIsUnset, number('RATE_LIMIT_PER_SEC', 0, 1_000_000, { note: ' (0: no rate limit)' }).default(20)),
    RATE_LIMIT_BURST: z.preprocess(blankIsUnset, number('RATE_LIMIT_BURST', 1, 1_000_000, { integer: true }).default(60)),
    CORS_ORIGINS: z.preprocess(blankIsUnset, corsOrigins.optional()),
    // 1 GB is far beyond any body this API takes; the cap keeps a typo from meaning "no limit".
    BODY_LIMIT_BYTES: z.preprocess(blankIsUnset, number('BODY_LIMIT_BYTES', 1, 1024 ** 3, { integer: true }).default(64 * 1024)),
    TRUST_PROXY: z.preprocess(blankIsUnset, bool('TRUST_PROXY').default(false)),
  })
  .transform((e) => ({
    rateLimit: { perSec: e.RATE_LIMIT_PER_SEC, burst: e.RATE_LIMIT_BURST },
    /** `*`: every origin, every method; a list: those origins, every method; none: any origin for GET and HEAD only. */
    corsOrigins: e.CORS_ORIGINS ?? [],
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
  }));

export type EdgeConfig = z.infer<typeof edgeEnvSchema>;
export type EdgeConfigResult = { ok: true; config: EdgeConfig } | { ok: false; error: string };

/** Parses the edge's variables; never throws and never exits, so callers decide what a bad one means. */
export function loadEdgeConfig(env: Env = process.env): EdgeConfigResult {
  const parsed = edgeEnvSchema.safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, error: `Invalid environment: ${parsed.error.issues.map((i) => i.message).join('; ')}` };
}
