import { z } from 'zod';
import type { Bar } from '../../market/candles/candle.ts';
import { firstIssue } from '../http/zod-issue.ts';

/** FRED's `fred/series/observations` response (file_type=json), as far as Tickflow reads it. */
const observationSchema = z.object({
  realtime_start: z.string(),
  realtime_end: z.string(),
  date: z.string(),
  /** A decimal number as text, or "." where the series has no value for that date. */
  value: z.string(),
});

export const observationsResponseSchema = z.object({
  realtime_start: z.string().optional(),
  realtime_end: z.string().optional(),
  observation_start: z.string().optional(),
  observation_end: z.string().optional(),
  units: z.string().optional(),
  count: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  observations: z.array(observationSchema),
});

export interface ParsedObservations {
  /** One flat bar per observation (open = high = low = close = value, volume 0), at the UTC midnight of its date. */
  readonly bars: Bar[];
  /** Observations whose value was "." (missing): counted, not errors. */
  readonly missing: number;
  /** The whole result set's size; when offset + returned < count, more pages follow. */
  readonly count: number;
  readonly offset: number;
  readonly returned: number;
}

export type ObservationsParse = { ok: true; observations: ParsedObservations } | { ok: false; error: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** `YYYY-MM-DD` → the UTC midnight that starts it, or null when it is not a calendar date. */
export function dateToUtcMs(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}

/** The UTC midnight `ms` as `YYYY-MM-DD`, the form FRED's observation_start takes. */
export const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const fredErrorSchema = z.object({ error_code: z.number(), error_message: z.string() });

/** FRED's own explanation when it refuses (a bad key, an unknown series), or null. */
export function fredErrorOf(json: unknown): string | null {
  const e = fredErrorSchema.safeParse(json);
  return e.success ? `FRED error ${e.data.error_code}: ${e.data.error_message}` : null;
}

/** Parses an observations response (already JSON-decoded): bars in increasing date, or the first problem, located. */
export function parseObservations(json: unknown): ObservationsParse {
  const refusal = fredErrorOf(json);
  if (refusal !== null) return { ok: false, error: refusal };
  const parsed = observationsResponseSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { observations, count, offset } = parsed.data;
  const bars: Bar[] = [];
  let missing = 0;
  let previous = -Infinity;
  for (let i = 0; i < observations.length; i++) {
    const { date, value } = observations[i]!;
    const openTime = dateToUtcMs(date);
    if (openTime === null) return { ok: false, error: `observations[${i}].date: ${JSON.stringify(date)} is not a YYYY-MM-DD calendar date` };
    if (openTime <= previous) return { ok: false, error: `observations[${i}].date: ${date} is not after the previous ${observations[i - 1]!.date}` };
    previous = openTime;
    if (value === '.') {
      missing++;
      continue;
    }
    const v = Number(value);
    if (!DECIMAL.test(value) || !Number.isFinite(v)) return { ok: false, error: `observations[${i}].value: ${JSON.stringify(value)} is neither a number nor "."` };
    bars.push({ openTime, open: v, high: v, low: v, close: v, volume: 0 });
  }
  return { ok: true, observations: { bars, missing, count, offset, returned: observations.length } };
}
