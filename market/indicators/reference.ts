/**
 * Test-only reference: every default indicator recomputed in batch, straight from its
 * definition and TA-Lib's conventions, each window from scratch. Deliberately naive and
 * independent of the streaming code, which the tests compare against it.
 */
import type { IndicatorColumn } from './indicator-set.ts';
import type { Ohlcv } from './ohlcv.ts';

export type Series = (number | null)[];

const EPSILON = 1e-14; // TA-Lib's "is zero"
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;
const last = (xs: number[], i: number, n: number) => xs.slice(i - n + 1, i + 1);
const allEqual = (xs: number[]) => xs.every((x) => x === xs[0]);
const pad = (count: number, xs: number[]): Series => [...new Array<null>(count).fill(null), ...xs];
const indices = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

export const sma = (xs: number[], n: number): Series => xs.map((_, i) => (i >= n - 1 ? mean(last(xs, i, n)) : null));

/** EMA with k = 2 / (n + 1) whose first value is the SMA of the n values ending at `first`. */
export function ema(xs: number[], n: number, first = n - 1): Series {
  const out: Series = xs.map(() => null);
  let value = mean(last(xs, first, n));
  out[first] = value;
  for (let i = first + 1; i < xs.length; i++) out[i] = value = value + (2 / (n + 1)) * (xs[i]! - value);
  return out;
}

/** Wilder's smoothing: the mean of the first n inputs (inputs[1..n]), then (prev * (n - 1) + x) / n. */
function wilder(inputs: number[], n: number): Series {
  const out: Series = inputs.map(() => null);
  let value = mean(inputs.slice(1, n + 1));
  out[n] = value;
  for (let i = n + 1; i < inputs.length; i++) out[i] = value = (value * (n - 1) + inputs[i]!) / n;
  return out;
}

export function rsi(closes: number[], n: number): Series {
  const change = closes.map((c, i) => (i === 0 ? 0 : c - closes[i - 1]!));
  const gain = wilder(change.map((d) => Math.max(d, 0)), n);
  const loss = wilder(change.map((d) => Math.max(-d, 0)), n);
  return gain.map((g, i) => (g === null ? null : g + loss[i]! < EPSILON ? 0 : (100 * g) / (g + loss[i]!)));
}

const trueRanges = (bars: Ohlcv[]) =>
  bars.map((b, i) => (i === 0 ? 0 : Math.max(b.high - b.low, Math.abs(b.high - bars[i - 1]!.close), Math.abs(b.low - bars[i - 1]!.close))));

export const atr = (bars: Ohlcv[], n: number): Series => wilder(trueRanges(bars), n);

/** +DI, -DI, DX and ADX by TA-Lib's recipe: sums over bars 1..n-1, then S - S/n + x. */
export function adx(bars: Ohlcv[], n: number) {
  const tr = trueRanges(bars);
  const up = bars.map((b, i) => (i === 0 ? 0 : b.high - bars[i - 1]!.high));
  const down = bars.map((b, i) => (i === 0 ? 0 : bars[i - 1]!.low - b.low));
  const plusDM = up.map((u, i) => (u > 0 && u > down[i]! ? u : 0));
  const minusDM = down.map((d, i) => (d > 0 && d > up[i]! ? d : 0));
  const smooth = (xs: number[]) => {
    const out: number[] = [sum(xs.slice(1, n))];
    for (let i = n; i < xs.length; i++) out[i - n + 1] = out[i - n]! - out[i - n]! / n + xs[i]!;
    return out.slice(1); // values for bars n, n + 1, ...
  };
  const [p, m, t] = [smooth(plusDM), smooth(minusDM), smooth(tr)];
  const plusDI = t.map((x, k) => (Math.abs(x) < EPSILON ? 0 : (100 * p[k]!) / x));
  const minusDI = t.map((x, k) => (Math.abs(x) < EPSILON ? 0 : (100 * m[k]!) / x));
  const dxDefined = t.map((x, k) => Math.abs(x) >= EPSILON && Math.abs(plusDI[k]! + minusDI[k]!) >= EPSILON);
  const dxRaw = plusDI.map((pd, k) => (dxDefined[k] ? (100 * Math.abs(pd - minusDI[k]!)) / (pd + minusDI[k]!) : 0));
  const dx = dxRaw.map((d, k) => (dxDefined[k] || k === 0 ? d : NaN));
  for (let k = 1; k < dx.length; k++) if (Number.isNaN(dx[k])) dx[k] = dx[k - 1]!; // DX holds its last value
  const adxValues: number[] = [sum(dxRaw.slice(0, n)) / n];
  for (let k = n; k < dxRaw.length; k++) {
    const previous = adxValues[adxValues.length - 1]!;
    adxValues.push(dxDefined[k] ? (previous * (n - 1) + dxRaw[k]!) / n : previous);
  }
  return { plusDI: pad(n, plusDI), minusDI: pad(n, minusDI), dx: pad(n, dx), adx: pad(2 * n - 1, adxValues) };
}

export function macd(closes: number[], fast: number, slow: number, signal: number) {
  const fastEma = ema(closes, fast, slow - 1);
  const slowEma = ema(closes, slow, slow - 1);
  const line = closes.map((_, i) => (i >= slow - 1 ? fastEma[i]! - slowEma[i]! : null));
  const signalLine = pad(slow - 1, ema(line.slice(slow - 1) as number[], signal) as number[]);
  const hist = line.map((v, i) => (signalLine[i] == null ? null : v! - signalLine[i]!));
  return { macd: line, signal: signalLine, hist };
}

export function bollinger(closes: number[], n: number, k: number) {
  const bands = closes.map((_, i) => {
    if (i < n - 1) return null;
    const w = last(closes, i, n), m = mean(w);
    const variance = allEqual(w) ? 0 : mean(w.map((x) => (x - m) ** 2));
    return { m, sd: variance < EPSILON ? 0 : Math.sqrt(variance) };
  });
  return {
    upper: bands.map((b) => (b ? b.m + k * b.sd : null)),
    middle: bands.map((b) => (b ? b.m : null)),
    lower: bands.map((b) => (b ? b.m - k * b.sd : null)),
  };
}

const highest = (bars: Ohlcv[], i: number, n: number) => Math.max(...bars.slice(i - n + 1, i + 1).map((b) => b.high));
const lowest = (bars: Ohlcv[], i: number, n: number) => Math.min(...bars.slice(i - n + 1, i + 1).map((b) => b.low));

export function stochastic(bars: Ohlcv[], fastK: number, slowK: number, slowD: number) {
  const fast = bars.map((b, i) => {
    if (i < fastK - 1) return 0;
    const hh = highest(bars, i, fastK), ll = lowest(bars, i, fastK);
    return hh === ll ? 0 : (100 * (b.close - ll)) / (hh - ll);
  });
  const slowKs = fast.map((_, i) => (i >= fastK + slowK - 2 ? mean(last(fast, i, slowK)) : 0));
  const start = fastK + slowK + slowD - 3;
  const k = slowKs.map((v, i) => (i >= start ? v : null));
  const d = slowKs.map((_, i) => (i >= start ? mean(last(slowKs, i, slowD)) : null));
  return { k, d };
}

export const williamsR = (bars: Ohlcv[], n: number): Series =>
  bars.map((b, i) => {
    if (i < n - 1) return null;
    const hh = highest(bars, i, n), ll = lowest(bars, i, n);
    return hh === ll ? 0 : (-100 * (hh - b.close)) / (hh - ll);
  });

const typical = (b: Ohlcv) => (b.high + b.low + b.close) / 3;

export function cci(bars: Ohlcv[], n: number): Series {
  const tp = bars.map(typical);
  return tp.map((x, i) => {
    if (i < n - 1) return null;
    const w = last(tp, i, n), m = mean(w);
    const meanDeviation = mean(w.map((v) => Math.abs(v - m)));
    return allEqual(w) || x === m || meanDeviation === 0 ? 0 : (x - m) / (0.015 * meanDeviation);
  });
}

export function mfi(bars: Ohlcv[], n: number): Series {
  const tp = bars.map(typical);
  return bars.map((_, i) => {
    if (i < n) return null;
    let positive = 0, negative = 0;
    for (const j of indices(i - n + 1, i + 1)) {
      if (tp[j]! > tp[j - 1]!) positive += tp[j]! * bars[j]!.volume;
      if (tp[j]! < tp[j - 1]!) negative += tp[j]! * bars[j]!.volume;
    }
    return positive + negative < 1 ? 0 : (100 * positive) / (positive + negative);
  });
}

export function obv(bars: Ohlcv[]): Series {
  let total = 0;
  return bars.map((b, i) => {
    if (i === 0) return (total = b.volume);
    const previous = bars[i - 1]!.close;
    return (total += b.close > previous ? b.volume : b.close < previous ? -b.volume : 0);
  });
}

/** The default set's columns, as IndicatorSet names and orders them. */
export function referenceColumns(bars: Ohlcv[]): Record<IndicatorColumn, Series> {
  const closes = bars.map((b) => b.close);
  const m = macd(closes, 12, 26, 9), bb = bollinger(closes, 20, 2), st = stochastic(bars, 14, 3, 3);
  return {
    sma_20: sma(closes, 20), ema_20: ema(closes, 20), rsi_14: rsi(closes, 14),
    macd: m.macd, macd_signal: m.signal, macd_hist: m.hist,
    bb_upper: bb.upper, bb_middle: bb.middle, bb_lower: bb.lower,
    atr_14: atr(bars, 14), stoch_k: st.k, stoch_d: st.d, obv: obv(bars), adx_14: adx(bars, 14).adx,
    willr_14: williamsR(bars, 14), cci_20: cci(bars, 20), mfi_14: mfi(bars, 14),
  };
}
