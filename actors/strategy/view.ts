import { equityOf } from '../../strategies/book.ts';
import type { StrategyActor } from './behaviour.ts';
import type { StrategyView } from './messages.ts';

/** The strategy as `view` answers it: config, book, stats, positions at the last closes, the newest signals first. */
export function viewOf(s: StrategyActor, signals: number): StrategyView {
  const { runner } = s;
  const book = runner.book;
  const ctx = runner.context(s.stats.time ?? 0);
  const equity = equityOf(book, ctx.price);
  const positions = Object.values(book.positions).map((p) => {
    const price = ctx.price(p.symbol) ?? null;
    return { ...p, price, marketValue: price === null ? null : p.qty * price, unrealizedPnl: price === null ? null : p.qty * (price - p.avgEntryPrice) };
  });
  return {
    id: runner.config.id,
    config: runner.config,
    state: { cash: book.cash, equity: Number.isFinite(equity) ? equity : null, realizedPnl: book.realizedPnl, pending: structuredClone(book.pending), stats: { ...s.stats } },
    positions,
    signals: signals > 0 ? s.recent.slice(-signals).reverse().map((g) => ({ ...g })) : [],
  };
}
