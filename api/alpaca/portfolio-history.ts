import { z } from 'zod';
import type { HistoryReply } from '../../actors/account/index.ts';
import { round8 } from '../../market/orders/index.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const TIMEFRAMES = { '1Min': MINUTE, '5Min': 5 * MINUTE, '15Min': 15 * MINUTE, '1H': 60 * MINUTE, '1D': DAY } as const;
type Timeframe = keyof typeof TIMEFRAMES;
// A month is 30 days and a year 365: the periods are lengths of time, not calendar months.
const PERIOD_UNITS = { D: DAY, W: 7 * DAY, M: 30 * DAY, A: 365 * DAY } as const;
/** A week of minutes: more points than this is a coarser timeframe's job. */
export const MAX_POINTS = 10_080;

/** `GET /v2/account/portfolio/history`'s query, as Alpaca names it. `extended_hours` is taken and ignored: no sessions here. */
export const historyQuery = z
  .object({
    period: z
      .string()
      .regex(/^[1-9]\d{0,3}[DWMA]$/, { error: (i) => `period must be a number and a unit D, W, M or A (1D, 2W, 1M, 1A), got ${JSON.stringify(i.input)}` })
      .optional(),
    timeframe: z.enum(Object.keys(TIMEFRAMES) as [Timeframe, ...Timeframe[]], { error: (i) => `timeframe must be one of ${Object.keys(TIMEFRAMES).join(', ')}, got ${JSON.stringify(i.input)}` }).optional(),
    date_end: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: (i) => `date_end must be a date (YYYY-MM-DD), got ${JSON.stringify(i.input)}` })
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: (i) => `date_end is not a calendar date: ${JSON.stringify(i.input)}` })
      .optional(),
    extended_hours: z.enum(['true', 'false'], { error: (i) => `extended_hours must be true or false, got ${JSON.stringify(i.input)}` }).optional(),
  })
  .transform((q, ctx) => {
    const periodMs = q.period ? Number(q.period.slice(0, -1)) * PERIOD_UNITS[q.period.at(-1) as keyof typeof PERIOD_UNITS] : 30 * DAY;
    // Alpaca's default timeframe: 1Min under 7 days, 15Min under 30, 1D beyond.
    const timeframe = q.timeframe ?? (periodMs < 7 * DAY ? '1Min' : periodMs < 30 * DAY ? '15Min' : '1D');
    const points = Math.ceil(periodMs / TIMEFRAMES[timeframe]);
    if (points > MAX_POINTS) {
      ctx.addIssue({ code: 'custom', message: `period ${q.period ?? '1M'} at timeframe ${timeframe} makes ${points} points; at most ${MAX_POINTS}: use a coarser timeframe or a shorter period` });
      return z.NEVER;
    }
    return { periodMs, timeframe, dateEnd: q.date_end === undefined ? null : Date.parse(`${q.date_end}T00:00:00Z`) + DAY };
  });
export type HistoryQuery = z.output<typeof historyQuery>;

/** Alpaca's portfolio history: numbers, not strings (Alpaca writes this one with numbers); timestamps in epoch seconds. */
export interface PortfolioHistory {
  timestamp: number[];
  equity: number[];
  profit_loss: number[];
  profit_loss_pct: number[];
  base_value: number;
  timeframe: Timeframe;
}

/**
 * The account's equity readings as bars of `timeframe` over the period ending at `date_end`
 * (exclusive end of that UTC day), or else at the account's time. Each bar is the equity at its
 * close: the last reading before the next bar begins, carried forward through bars without one,
 * the opening cash before the first. `base_value` is the equity as the period starts; profit and
 * loss are measured from it.
 */
export function portfolioHistory(h: HistoryReply, q: HistoryQuery, fallbackNow: number): PortfolioHistory {
  const step = TIMEFRAMES[q.timeframe];
  const end = q.dateEnd ?? (h.time > 0 ? h.time : fallbackNow);
  // The bars inside (end - period, end]: from the first that starts in it to the one holding end.
  const first = Math.ceil((end - q.periodMs) / step) * step;
  const last = Math.floor((end - 1) / step) * step;
  let i = 0;
  let value = h.openingCash;
  const upTo = (t: number) => {
    while (i < h.samples.length && h.samples[i]![0] < t) value = h.samples[i++]![1];
    return value;
  };
  const base = upTo(first);
  const out: PortfolioHistory = { timestamp: [], equity: [], profit_loss: [], profit_loss_pct: [], base_value: base, timeframe: q.timeframe };
  for (let t = first; t <= last; t += step) {
    const equity = upTo(t + step);
    out.timestamp.push(t / 1000);
    out.equity.push(equity);
    out.profit_loss.push(round8(equity - base));
    out.profit_loss_pct.push(base === 0 ? 0 : (equity - base) / base);
  }
  return out;
}
