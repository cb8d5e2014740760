import { z } from 'zod';

/**
 * How fills are simulated. One config per account (or per backtest); the same values give the
 * same fills live, in paper trading and in replay.
 */
export interface MatchConfig {
  /** Price paid away by taker fills (market, triggered stop, marketable limit); see pricing.ts. */
  readonly slippage: SlippageModel;
  /** Basis points of the fill's notional: maker for resting limit fills, taker for everything else. Negative = rebate. */
  readonly fees: { readonly makerBps: number; readonly takerBps: number };
  /** A resting limit fills when the price reaches it ('touch') or only when it trades beyond it ('through'). */
  readonly limitFill: 'touch' | 'through';
  /** The share of each tick's size or bar's volume this book may take, in (0, 1]; null = no cap. */
  readonly participation: number | null;
  /** Fill quantities taken under a participation cap are whole multiples of this (1 for whole shares). */
  readonly qtyStep: number;
}

export type SlippageModel =
  | { readonly kind: 'none' }
  /** Every taker fill moves `bps` against the order. */
  | { readonly kind: 'fixed_bps'; readonly bps: number }
  /** `bps` × the fill's share of the tick's size or bar's volume (capped at 1): big orders in thin markets pay more. */
  | { readonly kind: 'volume_share'; readonly bps: number };

export const DEFAULT_MATCH_CONFIG: MatchConfig = {
  slippage: { kind: 'none' },
  fees: { makerBps: 0, takerBps: 0 },
  limitFill: 'touch',
  participation: null,
  qtyStep: 1e-8,
};

const bps = (field: string) => z.number({ error: `${field} must be a number of basis points` }).finite(`${field} must be finite`);
const nonNegativeBps = (field: string) => bps(field).min(0, `${field} must not be negative`);

/** For account configs read from files or the API: the same shape with defaults filled in. */
export const matchConfigSchema = z.object({
  slippage: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('fixed_bps'), bps: nonNegativeBps('slippage.bps') }),
      z.object({ kind: z.literal('volume_share'), bps: nonNegativeBps('slippage.bps') }),
    ])
    .default(DEFAULT_MATCH_CONFIG.slippage),
  fees: z.object({ makerBps: bps('fees.makerBps'), takerBps: nonNegativeBps('fees.takerBps') }).default(DEFAULT_MATCH_CONFIG.fees),
  limitFill: z.enum(['touch', 'through']).default('touch'),
  participation: z.number().gt(0, 'participation must be greater than 0').max(1, 'participation must be at most 1').nullable().default(null),
  qtyStep: z.number().positive('qtyStep must be positive').default(1e-8),
}) satisfies z.ZodType<MatchConfig, unknown>;
