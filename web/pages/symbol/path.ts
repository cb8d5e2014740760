/** A point of a forecast's path: the median price and the 10–90% band at `time` (epoch ms). */
export interface PathPoint {
  time: number;
  price: number;
  low: number;
  high: number;
}

/**
 * The forecast's path at the chart's timeframe: the server gives one point per forecast candle
 * (1h, 1d); a finer chart gets the points in between by linear interpolation, so the band spans
 * its real width in time instead of a few bars. A coarser chart than the forecast's cannot show
 * it (null): its candles are wider than the steps.
 */
export function pathAt(path: readonly PathPoint[], stepMs: number): PathPoint[] | null {
  if (path.length < 2) return [...path];
  const forecastStep = path[1]!.time - path[0]!.time;
  if (stepMs > forecastStep) return null;
  if (stepMs === forecastStep) return [...path];
  const out: PathPoint[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const a = path[i]!;
    const b = path[i + 1]!;
    for (let t = a.time; t < b.time; t += stepMs) {
      const w = (t - a.time) / (b.time - a.time);
      out.push({ time: t, price: a.price + (b.price - a.price) * w, low: a.low + (b.low - a.low) * w, high: a.high + (b.high - a.high) * w });
    }
  }
  out.push(path[path.length - 1]!);
  return out;
}
