import { loadInstruments } from '../../config/instruments.ts';
import { bundledBars, bundledDaily, crypto1m } from '../../data/read.ts';
import type { Bar } from '../../market/candles/candle.ts';
import type { Timeframe } from '../../market/timeframes.ts';
import { aggregateCandles } from '../features/aggregate.ts';
import type { ForecastClass } from '../registry/card-schema.ts';

/** The closed candles of one symbol, oldest first. */
export interface SymbolCandles {
  readonly symbol: string;
  readonly candles: readonly Bar[];
}

/** The timeframes the bundled data can give a class: crypto ships 1m bars, stocks daily ones. */
export const TRAINABLE_TIMEFRAMES: Readonly<Record<ForecastClass, readonly Timeframe[]>> = {
  crypto: ['1m', '5m', '15m', '1h', '4h'], // not 1d: a month of days is fewer candles than the features' warm-up
  stock: ['1d'],
};

/**
 * Every instrument of the class in the shipped universe (market/instruments), as candles of
 * `tf` built from the bundled files (data/) with the CandleBuilder the symbol actors use:
 * the 8 Binance pairs' April 2021 minutes, or the 40 stocks' and SPY's daily bars. In the
 * universe's order, so the pooled rows and the card list symbols the same way on every run.
 */
export async function loadBundledSeries(assetClass: ForecastClass, tf: Timeframe): Promise<SymbolCandles[]> {
  if (!TRAINABLE_TIMEFRAMES[assetClass].includes(tf)) {
    throw new RangeError(`Cannot train ${assetClass} on ${tf} candles: the bundled data gives ${TRAINABLE_TIMEFRAMES[assetClass].join(', ')}`);
  }
  const universe = await loadInstruments();
  if (!universe.ok) throw new Error(universe.error);
  return universe.registry.byClass(assetClass).map(({ symbol }) => {
    if (assetClass === 'crypto') return { symbol, candles: aggregateCandles(bundledBars(crypto1m(symbol)), tf) };
    const path = bundledDaily(symbol);
    if (path === undefined) throw new Error(`No bundled daily file for stock ${symbol} (see data/SOURCES.md)`);
    return { symbol, candles: aggregateCandles(bundledBars(path), '1d', '1d') };
  });
}
