import { round8 } from '../orders/decimal.ts';
import type { Side } from '../orders/vocabulary.ts';
import type { MatchConfig, SlippageModel } from './config.ts';

export type Liquidity = 'maker' | 'taker';

/** Slippage in basis points for a fill of `qty` out of an event that traded `volume`. */
export function slippageBps(model: SlippageModel, qty: number, volume: number): number {
  switch (model.kind) {
    case 'none':
      return 0;
    case 'fixed_bps':
      return model.bps;
    case 'volume_share':
      // A print of size 0 says nothing about depth: the order is taken to be the whole market.
      return model.bps * (volume > 0 ? Math.min(1, qty / volume) : 1);
  }
}

/** `price` moved against the order by `bps`: buyers pay more, sellers receive less. */
export function slipped(price: number, side: Side, bps: number): number {
  const sign = side === 'buy' ? 1 : -1;
  return round8(price * (1 + (sign * bps) / 10_000));
}

/** The fee of a fill, rounded to 1e-8 like every amount of money (see orders/decimal.ts). */
export function feeOf(config: MatchConfig, liquidity: Liquidity, qty: number, price: number): number {
  const bps = liquidity === 'maker' ? config.fees.makerBps : config.fees.takerBps;
  return round8((qty * price * bps) / 10_000);
}
