/**
 * Money and quantity arithmetic. Values stay float64 (fast, JSON-native, what every feed and
 * indicator here uses); every value that becomes state — a fill's price, fee and quantity, an
 * average price, a trailing stop — is rounded to 1e-8 when it is made, and strings for Alpaca's
 * JSON are written from that. 1e-8 is Binance's and Alpaca crypto's smallest quantity step and
 * finer than any price tick, so rounding never changes a real price, and cumulative sums stay
 * within 1e-8 of the decimal result instead of drifting by float noise. Float arithmetic is
 * deterministic, so a replay produces the same bits as the live run.
 */

export const DECIMALS = 8;
const STEP = 10 ** -DECIMALS;

/** `x` rounded to 8 decimals (via the exact decimal expansion `toFixed` uses, not `x * 1e8`). */
export function round8(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`cannot round a non-finite amount, was ${x}`);
  return Number(x.toFixed(DECIMALS)) || 0; // `|| 0` turns -0 into 0
}

/**
 * `qty` floored to a multiple of `step` (a lot size: 1 for whole shares, 1e-8 for crypto), so a
 * participation cap never hands out more than it may. The 1e-9 nudge keeps 0.3 / 0.1 at 3.
 */
export function floorToStep(qty: number, step: number = STEP): number {
  if (!(step > 0)) throw new RangeError(`step must be positive, was ${step}`);
  if (qty <= 0) return 0;
  return round8(Math.floor(qty / step + 1e-9) * step);
}

/** Alpaca's decimal string: at most 8 decimals, no trailing zeros, never exponent notation. */
export function decimalString(x: number): string {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) throw new RangeError(`cannot write ${x} as a decimal string`);
  const fixed = round8(x).toFixed(DECIMALS);
  return fixed.replace(/\.?0+$/, '');
}
