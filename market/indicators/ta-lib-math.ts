/**
 * The small numeric rules TA-Lib applies inside its indicators, shared so that every indicator
 * decides "zero" and "true range" exactly as TA-Lib does.
 */

/** TA-Lib's tolerance for "is zero" (TA_EPSILON in ta_utility.h, TA-Lib 0.6). */
export const TA_EPSILON = 1e-14;

/** TA_IS_ZERO: strictly inside (-ε, ε). RSI, +DI/-DI and DX fall back when their divisor is. */
export const isZero = (v: number): boolean => -TA_EPSILON < v && v < TA_EPSILON;

/** TA_IS_ZERO_OR_NEG: below ε. Bollinger's variance under it gives σ = 0. */
export const isZeroOrNegative = (v: number): boolean => v < TA_EPSILON;

/**
 * Wilder's true range: the largest of high - low, |high - previous close|, |low - previous
 * close|, compared in TA-Lib's order (TRANGE), so ties and rounding come out the same.
 */
export function trueRange(high: number, low: number, previousClose: number): number {
  let greatest = high - low;
  const fromHigh = Math.abs(previousClose - high);
  if (fromHigh > greatest) greatest = fromHigh;
  const fromLow = Math.abs(previousClose - low);
  if (fromLow > greatest) greatest = fromLow;
  return greatest;
}

/** (high + low + close) / 3, summed left to right as TA-Lib's CCI and MFI do. */
export const typicalPrice = (high: number, low: number, close: number): number => (high + low + close) / 3;
