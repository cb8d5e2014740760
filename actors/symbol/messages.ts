import { z } from 'zod';
import { protocol } from '../../engine/index.ts';
import type { Candle } from '../../market/candles/candle.ts';
import type { IndicatorRow } from '../../market/indicators/index.ts';
import type { Gap } from '../../market/candles/gaps.ts';
import { TIMEFRAMES, timeframeSchema, type Timeframe } from '../../market/timeframes.ts';
import type { DayStats } from './day-stats.ts';
import type { DropReason } from './print-guard.ts';

/** A print is numbers only, so it crosses workers on the binary fast path. */
export const symbolProtocol = protocol({
  print: { time: z.number(), price: z.number(), qty: z.number() },
  view: {},
});

export const symbolProps = z.object({
  symbol: z.string().regex(/^[A-Z0-9._-]+$/, 'symbol must be upper-case letters and digits'),
  timeframes: z.array(timeframeSchema).min(1).default([...TIMEFRAMES]),
  /** A print further than this from the last one is suspect (see PrintGuard). */
  bandPct: z.number().positive().default(20),
  /**
   * Report runs of empty buckets in the finest timeframe as gaps. Right for venues that never
   * close (crypto); a market with sessions closes every night, and telling a halt from a close
   * needs its calendar.
   */
  gaps: z.boolean().default(true),
  /** Drop prints at or below zero: right for prices; off for rates and spreads, which go there. */
  positiveOnly: z.boolean().default(true),
  /** The instrument's asset class: which market summary its stats feed. */
  assetClass: z.enum(['crypto', 'stock', 'macro']).default('crypto'),
  /** The candle store actor to tell each closed candle (none: candles are not persisted). */
  store: z.string().regex(/^[a-z][a-z0-9-]*\/.+$/, 'store must be an actor address such as candle-store/main').optional(),
  /**
   * Before its first print, rebuild state from the newest closed candles of its finest timeframe
   * in this SQLite file (at most `bars` of them: 30 days of 1m by default), so a restarted engine
   * carries on from its history.
   */
  warmFrom: z.object({ db: z.string().min(1), bars: z.number().int().positive().default(43_200) }).optional(),
  /**
   * Forecast this symbol: on each close of `tf` (one of `timeframes`), tell the forecaster at
   * `to` (its worker's, actors/forecast) the close and the model features of the candle.
   */
  forecast: z.object({ tf: timeframeSchema, to: z.string().regex(/^forecaster\/.+$/, 'forecast.to must be a forecaster address such as forecaster/0') }).optional(),
}).refine((p) => !p.forecast || p.timeframes.includes(p.forecast.tf), { message: 'forecast.tf must be one of the timeframes the symbol builds', path: ['forecast', 'tf'] })
  .refine((p) => !p.forecast || p.assetClass !== 'macro', { message: 'macro series are not forecast: no model is trained for them', path: ['forecast'] });
export type SymbolProps = z.output<typeof symbolProps>;

/** What `view` answers: everything the edge shows about a symbol, read from the actor itself. */
export interface SymbolView {
  symbol: string;
  last: number | null;
  time: number | null;
  day: DayStats | null;
  forming: Partial<Record<Timeframe, Candle>>;
  dropped: Record<DropReason, number>;
  gaps: number;
  /** The indicator row of each timeframe's last closed candle. */
  indicators: Partial<Record<Timeframe, IndicatorRow>>;
}

export type TickMsg = { type: 'tick'; symbol: string; time: number; price: number; qty: number };
export type CandleMsg = { type: 'candle'; symbol: string; closed: boolean; candle: Candle };
export type GapMsg = { type: 'gap'; symbol: string } & Gap;
export type IndicatorsMsg = { type: 'indicators'; symbol: string; tf: Timeframe; openTime: number; closed: boolean; values: IndicatorRow };

/** A symbol's headline figures, published once per closed minute for the class summaries. */
export type StatsMsg = { type: 'stats'; symbol: string; time: number; last: number; changePct: number; volume: number; high: number; low: number };
