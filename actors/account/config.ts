import { z } from 'zod';
import { matchConfigSchema } from '../../market/matching/index.ts';
import { DEFAULT_RISK_LIMITS } from '../../market/risk/index.ts';

const limitOrNull = z.number().positive().nullable();

/**
 * How a paper account trades: how fills are simulated, its risk limits, whether it may go short,
 * and how often it may submit. Written into the account's first event (`opened`), so a replay
 * uses the config the account was opened with, whatever the props say later.
 */
export const accountConfigSchema = z.object({
  match: matchConfigSchema.prefault({}),
  limits: z
    .object({
      maxOrderNotional: limitOrNull.default(DEFAULT_RISK_LIMITS.maxOrderNotional),
      maxPositionQty: limitOrNull.default(DEFAULT_RISK_LIMITS.maxPositionQty),
      maxPositionNotional: limitOrNull.default(DEFAULT_RISK_LIMITS.maxPositionNotional),
      shortMargin: z.number().nonnegative().default(DEFAULT_RISK_LIMITS.shortMargin),
      feeBps: z.number().nonnegative().default(DEFAULT_RISK_LIMITS.feeBps),
      marketBufferBps: z.number().nonnegative().default(DEFAULT_RISK_LIMITS.marketBufferBps),
    })
    .prefault({}),
  allowShort: z.boolean().default(false),
  // Alpaca allows 200 requests a minute; a burst of 200, refilled at that pace.
  rate: z.object({ capacity: z.number().int().min(1).default(200), refillPerSecond: z.number().positive().default(200 / 60) }).prefault({}),
  /** What the orders are when the edge does not say (it passes the instrument's): day orders expire by it (market/sessions). */
  assetClass: z.enum(['crypto', 'us_equity']).default('crypto'),
});
export type AccountConfig = z.output<typeof accountConfigSchema>;
