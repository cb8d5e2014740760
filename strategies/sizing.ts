import { floorToStep } from '../market/orders/decimal.ts';
import { timeframeMs, type Timeframe } from '../market/timeframes.ts';
import type { Sizing } from './config.ts';

/** Entries are rounded down to a millionth: fine enough for a satoshi-priced pair, coarse enough to stay exact. */
export const LOT = 1e-6;

const YEAR_MS = 365 * 86_400_000;

/** Down to the lot, as market/orders floors (0.3 / 0.1 gives 3 lots, not 2, and no float noise after). */
export const floorToLot = (qty: number): number => (Number.isFinite(qty) ? floorToStep(qty, LOT) : 0);

/**
 * The annualised volatility of the closes: σ of their log returns (sample σ, n − 1), times the
 * square root of the bars in a year of the timeframe (markets that never close: crypto's
 * calendar; a stock's daily σ is overstated by √(365/252), which sizes it more cautiously).
 */
export function annualisedVolatility(closes: readonly number[], tf: Timeframe): number | null {
  if (closes.length < 3) return null;
  const r: number[] = [];
  for (let i = 1; i < closes.length; i++) r.push(Math.log(closes[i]! / closes[i - 1]!));
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const variance = r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1);
  if (!(variance > 0) || !Number.isFinite(variance)) return null;
  return Math.sqrt(variance) * Math.sqrt(YEAR_MS / timeframeMs(tf));
}

/**
 * The quantity an entry gets under `sizing`: 0 when it cannot be said (no price, no capital, a
 * volatility still warming up), which the runner treats as no order.
 */
export function sizeOf(sizing: Sizing, price: number | undefined, equity: number, closes: readonly number[], tf: Timeframe): number {
  if (sizing.kind === 'fixed') return sizing.qty;
  if (price === undefined || !(price > 0) || !(equity > 0)) return 0;
  if (sizing.kind === 'equity') return floorToLot((equity * sizing.pct) / 100 / price);
  if (closes.length < sizing.lookback + 1) return 0; // still warming up
  const vol = annualisedVolatility(closes.slice(-(sizing.lookback + 1)), tf);
  if (vol === null) return 0;
  const notional = Math.min((equity * sizing.targetPct) / 100 / vol, (equity * sizing.maxPct) / 100);
  return floorToLot(notional / price);
}
