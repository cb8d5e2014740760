import type { OrderIntent, StrategyContext } from './strategy.ts';

/** Where a signal wants a symbol's position: long, short, or out. */
export type Bias = 'long' | 'short' | 'flat';

/**
 * The intents that take a symbol's exposure (position plus orders on their way) toward `bias`,
 * within the config's direction. Long: a short is covered and an entry of `ctx.size` bought in
 * one order; an existing long is left as it is. Short: a long is sold whole, and a long-short
 * strategy sells an entry more; a long-only one stops at flat. Flat: whatever is held is closed.
 * Nothing when the exposure is already there, so a signal repeated on every bar trades once.
 */
export function steer(ctx: StrategyContext, symbol: string, bias: Bias, reason: string): OrderIntent[] {
  const held = ctx.exposure(symbol);
  const shorts = ctx.config.direction === 'long-short';
  if (bias === 'long') {
    if (held > 0) return [];
    const qty = -held + ctx.size(symbol);
    return qty > 0 ? [{ symbol, side: 'buy', qty, reason }] : [];
  }
  if (bias === 'short') {
    if (held < 0) return [];
    const qty = held + (shorts ? ctx.size(symbol) : 0);
    return qty > 0 ? [{ symbol, side: 'sell', qty, reason }] : [];
  }
  if (held === 0) return [];
  return [{ symbol, side: held > 0 ? 'sell' : 'buy', qty: Math.abs(held), reason }];
}
