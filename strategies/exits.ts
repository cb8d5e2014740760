import type { Bar } from '../market/candles/candle.ts';
import type { StrategyConfig } from './config.ts';
import type { OrderIntent, StrategyContext } from './strategy.ts';

/**
 * Stop-loss and take-profit, checked on each closed candle of the decision timeframe against the
 * position's average entry: a long whose candle's low reached entry × (1 − stop%) is closed, as
 * is one whose high reached entry × (1 + take%); a short mirrors it. When one candle reached
 * both, the stop is assumed first (a bar does not say its order; assuming the worse is the
 * honest backtest). The exit is a market order for what the strategy will hold, so an exit
 * already on its way is not sent twice.
 */
export function checkExits(exits: StrategyConfig['exits'], ctx: StrategyContext, symbol: string, candle: Bar): OrderIntent[] {
  const { stopLossPct, takeProfitPct } = exits;
  if (stopLossPct === undefined && takeProfitPct === undefined) return [];
  const pos = ctx.positions[symbol];
  const held = ctx.exposure(symbol);
  if (!pos || held === 0 || Math.sign(held) !== Math.sign(pos.qty)) return [];
  const long = pos.qty > 0;
  const entry = pos.avgEntryPrice;
  const side = long ? 'sell' : 'buy';
  const qty = Math.abs(held);
  if (stopLossPct !== undefined) {
    const stop = long ? entry * (1 - stopLossPct / 100) : entry * (1 + stopLossPct / 100);
    if (long ? candle.low <= stop : candle.high >= stop) return [{ symbol, side, qty, reason: `stop-loss ${stopLossPct}% from ${entry}` }];
  }
  if (takeProfitPct !== undefined) {
    const take = long ? entry * (1 + takeProfitPct / 100) : entry * (1 - takeProfitPct / 100);
    if (long ? candle.high >= take : candle.low <= take) return [{ symbol, side, qty, reason: `take-profit ${takeProfitPct}% from ${entry}` }];
  }
  return [];
}
