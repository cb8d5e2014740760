import type { Timeframe } from '../../market/timeframes.ts';
import { timeframeMs } from '../../market/timeframes.ts';
import { buildDataset } from '../features/dataset.ts';
import type { FeatureSpec } from '../features/spec.ts';
import type { SymbolCandles } from './bundled-data.ts';

/**
 * The rows of every symbol of a class in one set, ordered by time (then by symbol), so a split
 * at a time cuts every symbol at the same instant: no row of one symbol can teach the model
 * about a moment that another symbol's held-out row has to forecast.
 */
export interface PooledDataset {
  /** nRows × nFeatures, row-major. */
  readonly x: Float64Array;
  /** ln(close[t + horizon] / close[t]). */
  readonly y: Float64Array;
  /** Open time of each row's candle (epoch ms). */
  readonly times: Float64Array;
  /** When the target is known: the close of candle t + horizon. A split must not start before it. */
  readonly targetKnownAt: Float64Array;
  /** ln(close[t] / close[t − horizon]), for the "last move continues" baseline; NaN when there is no such candle. */
  readonly pastReturn: Float64Array;
  readonly symbolIndex: Uint16Array;
  readonly symbols: readonly string[];
  readonly nRows: number;
  readonly nFeatures: number;
  readonly names: readonly string[];
}

/**
 * Builds each symbol's rows with buildDataset (the serving feature code) and pools them.
 * Only the span every symbol covers is kept (SPY's daily file runs 2005–2019, the 40 stocks'
 * 2013–2018), so every period of the split holds every symbol and none fills a period alone;
 * rows keep their full history as features, clipping only drops rows.
 */
export function poolDatasets(series: readonly SymbolCandles[], spec: FeatureSpec, horizon: number, tf: Timeframe): PooledDataset {
  if (series.length === 0) throw new RangeError('Cannot pool datasets: no symbols');
  const tfMs = timeframeMs(tf);
  const sets = series.map(({ symbol, candles }) => {
    const data = buildDataset(candles, spec, horizon);
    if (data.nRows === 0) throw new RangeError(`Not enough ${tf} candles of ${symbol} to train on: ${candles.length}, fewer than the features' warm-up plus a horizon of ${horizon}`);
    return { candles, data };
  });
  const from = Math.max(...sets.map((s) => s.data.times[0]!));
  const to = Math.min(...sets.map((s) => s.data.times[s.data.nRows - 1]!));
  if (from > to) throw new RangeError(`Cannot pool datasets: the symbols share no period (${new Date(from).toISOString()} > ${new Date(to).toISOString()})`);

  // (time, symbol, row) of every kept row, sorted; the sort is stable, so ties keep symbol order.
  const order: { time: number; s: number; r: number }[] = [];
  sets.forEach(({ data }, s) => {
    for (let r = 0; r < data.nRows; r++) if (data.times[r]! >= from && data.times[r]! <= to) order.push({ time: data.times[r]!, s, r });
  });
  order.sort((a, b) => a.time - b.time || a.s - b.s);

  const nFeatures = sets[0]!.data.nFeatures;
  const nRows = order.length;
  const pooled = {
    x: new Float64Array(nRows * nFeatures),
    y: new Float64Array(nRows),
    times: new Float64Array(nRows),
    targetKnownAt: new Float64Array(nRows),
    pastReturn: new Float64Array(nRows),
    symbolIndex: new Uint16Array(nRows),
  };
  order.forEach(({ s, r }, i) => {
    const { candles, data } = sets[s]!;
    const t = data.startIndex + r;
    pooled.x.set(data.x.subarray(r * nFeatures, (r + 1) * nFeatures), i * nFeatures);
    pooled.y[i] = data.y[r]!;
    pooled.times[i] = data.times[r]!;
    pooled.targetKnownAt[i] = candles[t + horizon]!.openTime + tfMs;
    const past = candles[t - horizon];
    pooled.pastReturn[i] = past ? Math.log(candles[t]!.close / past.close) : NaN;
    pooled.symbolIndex[i] = s;
  });
  return { ...pooled, symbols: series.map((s) => s.symbol), nRows, nFeatures, names: sets[0]!.data.names };
}
