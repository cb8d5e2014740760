import { z } from 'zod';
import { firstIssue } from '../http/zod-issue.ts';
import { fredErrorOf } from './observations.ts';

/** FRED's `fred/series` response: what a series is (its title, units and frequency). */
const seriesSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  observation_start: z.string(),
  observation_end: z.string(),
  frequency: z.string(),
  frequency_short: z.string(),
  units: z.string(),
  units_short: z.string(),
  seasonal_adjustment: z.string(),
  seasonal_adjustment_short: z.string(),
  last_updated: z.string(),
  popularity: z.number().optional(),
  notes: z.string().optional(),
});

export const seriesResponseSchema = z.object({ seriess: z.array(seriesSchema).min(1) });

export interface FredSeries {
  readonly id: string;
  /** e.g. "Unemployment Rate". */
  readonly title: string;
  /** e.g. "Monthly" ("M"). */
  readonly frequency: string;
  readonly frequencyShort: string;
  /** e.g. "Percent" ("%"). */
  readonly units: string;
  readonly unitsShort: string;
  readonly seasonalAdjustment: string;
  /** As FRED writes it, e.g. "2020-05-08 07:47:02-05" (Central time). */
  readonly lastUpdated: string;
  readonly observationStart: string;
  readonly observationEnd: string;
}

export type SeriesParse = { ok: true; series: FredSeries } | { ok: false; error: string };

export function parseSeries(json: unknown): SeriesParse {
  const refusal = fredErrorOf(json);
  if (refusal !== null) return { ok: false, error: refusal };
  const parsed = seriesResponseSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const s = parsed.data.seriess[0]!;
  return {
    ok: true,
    series: {
      id: s.id,
      title: s.title,
      frequency: s.frequency,
      frequencyShort: s.frequency_short,
      units: s.units,
      unitsShort: s.units_short,
      seasonalAdjustment: s.seasonal_adjustment,
      lastUpdated: s.last_updated,
      observationStart: s.observation_start,
      observationEnd: s.observation_end,
    },
  };
}
