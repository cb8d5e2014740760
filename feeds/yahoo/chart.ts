import { z } from 'zod';
import type { Bar } from '../../market/candles/candle.ts';
import { barProblem } from '../csv/bar.ts';
import { chartResponseSchema, type ChartMeta, type ChartResult } from './chart-schema.ts';
import { exchangeDateMs, isKnownTimeZone } from './exchange-date.ts';
import { firstIssue } from '../http/zod-issue.ts';

export { chartMetaSchema, chartResponseSchema, tradingPeriodSchema, type ChartMeta, type TradingPeriod } from './chart-schema.ts';

/** A split effective from `time` (UTC midnight of its ex-date): `ratio` new shares per old one (4:1 → 4). */
export interface Split {
  readonly time: number;
  readonly ratio: number;
}

/** A cash dividend per share, in the quote currency, going ex at `time` (UTC midnight of its ex-date). */
export interface Dividend {
  readonly time: number;
  readonly amount: number;
}

/** Rows left out on purpose, by reason: counted, not errors. */
export interface ChartSkips {
  /** A null in any of open, high, low, close, volume (no trade in that minute, or a late row). */
  missing: number;
  /** Prices outside their own range or a negative volume. */
  inconsistent: number;
  /** Intraday points outside every session listed: Yahoo appends the latest price at the close. */
  outsideSession: number;
}

export interface ParsedChart {
  readonly symbol: string;
  /** meta.dataGranularity, e.g. '1d' or '1m'. */
  readonly granularity: string | undefined;
  /** Strictly increasing. Daily (and longer) bars at the UTC midnight of their exchange date, intraday at their epoch ms. */
  readonly bars: Bar[];
  readonly skipped: ChartSkips;
  readonly splits: Split[];
  readonly dividends: Dividend[];
  readonly meta: ChartMeta;
}

export type ChartParse = { ok: true; chart: ParsedChart } | { ok: false; error: string };

const errorEnvelope = z.object({ chart: z.object({ error: z.object({ code: z.string(), description: z.string() }) }) });

const isDaily = (granularity: string | undefined) => granularity !== undefined && /^\d+(d|wk|mo)$/.test(granularity);

/** Yahoo's own explanation when it refuses (an unknown symbol, a range too wide), or null. */
export function chartErrorOf(json: unknown): string | null {
  const failure = errorEnvelope.safeParse(json);
  return failure.success ? `chart.error ${failure.data.chart.error.code}: ${failure.data.chart.error.description}` : null;
}

/** Parses a chart response body (already JSON-decoded): bars, splits, dividends, or the first problem, located. */
export function parseChart(json: unknown): ChartParse {
  const refusal = chartErrorOf(json);
  if (refusal !== null) return { ok: false, error: refusal };
  const parsed = chartResponseSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const result = parsed.data.chart.result?.[0];
  if (!result) return { ok: false, error: 'chart.result: empty, and no chart.error to say why' };
  const zone = result.meta.exchangeTimezoneName;
  if (!isKnownTimeZone(zone)) return { ok: false, error: `chart.result[0].meta.exchangeTimezoneName: unknown time zone ${JSON.stringify(zone)}` };
  const rows = readRows(result);
  if (typeof rows === 'string') return { ok: false, error: rows };
  const toDate = (seconds: number) => exchangeDateMs(seconds * 1000, zone);
  const byTime = <T extends { time: number }>(a: T, b: T) => a.time - b.time;
  return {
    ok: true,
    chart: {
      symbol: result.meta.symbol,
      granularity: result.meta.dataGranularity,
      bars: rows.bars,
      skipped: rows.skipped,
      splits: Object.values(result.events?.splits ?? {}).map((s) => ({ time: toDate(s.date), ratio: s.numerator / s.denominator })).sort(byTime),
      dividends: Object.values(result.events?.dividends ?? {}).map((d) => ({ time: toDate(d.date), amount: d.amount })).sort(byTime),
      meta: result.meta,
    },
  };
}

const COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

function readRows(result: ChartResult): { bars: Bar[]; skipped: ChartSkips } | string {
  const times = result.timestamp ?? [];
  const quote = result.indicators.quote[0]!;
  const skipped: ChartSkips = { missing: 0, inconsistent: 0, outsideSession: 0 };
  for (const name of COLUMNS) {
    const values = quote[name];
    if (values === undefined && times.length > 0) return `chart.result[0].indicators.quote[0].${name}: missing, with ${times.length} timestamps`;
    if (values !== undefined && values.length !== times.length) return `chart.result[0].indicators.quote[0].${name}: ${values.length} values for ${times.length} timestamps`;
  }
  const daily = isDaily(result.meta.dataGranularity);
  const sessions = daily ? [] : sessionsOf(result.meta);
  const zone = result.meta.exchangeTimezoneName;
  const bars: Bar[] = [];
  for (let i = 0; i < times.length; i++) {
    const seconds = times[i]!;
    if (i > 0 && seconds <= times[i - 1]!) return `chart.result[0].timestamp[${i}]: ${seconds} is not after the previous ${times[i - 1]}`;
    const [open, high, low, close, volume] = COLUMNS.map((name) => quote[name]![i]);
    if (open == null || high == null || low == null || close == null || volume == null) {
      skipped.missing++;
      continue;
    }
    if (sessions.length > 0 && !sessions.some((p) => seconds >= p.start && seconds < p.end)) {
      skipped.outsideSession++;
      continue;
    }
    const bar: Bar = { openTime: daily ? exchangeDateMs(seconds * 1000, zone) : seconds * 1000, open, high, low, close, volume };
    if (barProblem(bar) !== null) {
      skipped.inconsistent++;
      continue;
    }
    if (daily && bars.length > 0 && bar.openTime <= bars.at(-1)!.openTime) return `chart.result[0].timestamp[${i}]: a second bar on the same exchange date`;
    bars.push(bar);
  }
  return { bars, skipped };
}

/** Every session the response lists, whichever of its two shapes it came in. */
function sessionsOf(meta: ChartMeta) {
  const periods = meta.tradingPeriods;
  if (!periods) return [];
  const days = Array.isArray(periods) ? periods : [...(periods.pre ?? []), ...periods.regular, ...(periods.post ?? [])];
  return days.flat();
}
