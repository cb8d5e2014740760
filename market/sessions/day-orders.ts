import type { AssetClass } from '../orders/vocabulary.ts';
import { sessionFor } from './nyse.ts';

const DAY = 86_400_000;

/**
 * When a `day` order placed at `at` expires, by its asset class:
 *
 * - `us_equity`: at the close of the NYSE session it belongs to (nyse.ts `sessionFor`): today's
 *   if the order comes before today's close, else the next trading day's — 16:00 New York time,
 *   13:00 on an early close. Alpaca's rule: a day order lives for one regular session, and one
 *   placed after the close waits for the next.
 * - `crypto`: at the next 00:00 UTC. Crypto trades around the clock, so its day is the UTC day,
 *   the one its daily candles use. (Alpaca itself accepts only gtc and ioc for crypto; Tickflow
 *   takes day as "until the end of this UTC day" rather than refusing it.)
 */
export function dayOrderExpiry(assetClass: AssetClass, at: number): number {
  if (!Number.isFinite(at)) throw new RangeError(`Invalid order time: ${at}`);
  if (assetClass === 'crypto') return Math.floor(at / DAY) * DAY + DAY;
  return sessionFor(at).close;
}
