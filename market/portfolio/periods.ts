import type { InstrumentClass } from '../instruments/index.ts';
import { timeframeMs, type Timeframe } from '../timeframes.ts';

/** The classes risk is measured for: prices that trade. A macro series is a level (a rate, an index of prices), not a price one holds. */
export type PricedClass = Exclude<InstrumentClass, 'macro'>;
export const isPriced = (c: InstrumentClass): c is PricedClass => c !== 'macro';

/**
 * The candles risk is measured on unless asked otherwise: daily for stocks (the only candles
 * they have), hourly for crypto: a month of bundled 1m history gives ~700 hourly returns, where
 * daily candles would give under 30.
 */
export const RISK_TIMEFRAME: Record<PricedClass, Timeframe> = { crypto: '1h', stock: '1d' };

/** The benchmark beta is measured against: the S&P 500 ETF for stocks, Bitcoin for crypto. */
export const BENCHMARK: Record<PricedClass, string> = { crypto: 'BTCUSDT', stock: 'SPY' };

const YEAR_MS = 365 * 86_400_000;

/**
 * Candles of `tf` in a year, the annualisation factor: 252 trading days for stocks (they are
 * built on daily candles only: actors/market.ts); for crypto, which trades round the clock, 365
 * days of them (8,760 hours).
 */
export const periodsPerYear = (c: PricedClass, tf: Timeframe): number => (c === 'stock' ? 252 : YEAR_MS / timeframeMs(tf));

/** Returns a window holds unless asked: a year of trading days, a year of crypto days, 30 days of a finer crypto timeframe (at most 5,000). */
export function defaultWindow(c: PricedClass, tf: Timeframe): number {
  if (tf === '1d') return c === 'stock' ? 252 : 365;
  return Math.min(5_000, (30 * 86_400_000) / timeframeMs(tf));
}

/** Fewer returns than this give tail figures that are noise (a 99% VaR from 20 returns is the worst of them): refused. */
export const MIN_RETURNS = 30;
