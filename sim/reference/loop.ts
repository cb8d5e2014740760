import { definitionOf } from '../../actors/strategy/load.ts';
import { hash53 } from '../../engine/hash.ts';
import { CandleBuilder } from '../../market/candles/builder.ts';
import type { Bar } from '../../market/candles/candle.ts';
import { IndicatorSet } from '../../market/indicators/index.ts';
import { round8 } from '../../market/orders/index.ts';
import { TIMEFRAMES, timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import type { StrategyConfig } from '../../strategies/config.ts';
import { StrategyRunner, type Outcome } from '../../strategies/runner.ts';
import type { Signal } from '../../strategies/signal.ts';
import type { Series } from '../data/load.ts';
import type { ReportFill } from '../report/types.ts';

export interface ReferenceAccount {
  readonly cash: number;
  readonly commissionPct: number;
  readonly slippageBps: number;
}

export interface ReferenceResult {
  readonly fills: ReportFill[];
  readonly cash: number;
  readonly positions: Map<string, number>;
  readonly bars: number;
}

interface SymbolState {
  readonly symbol: string;
  readonly builders: CandleBuilder[];
  readonly indicators: Map<Timeframe, IndicatorSet>;
}

/**
 * The backtest's rule as one plain loop, single-threaded, with no actor, no message, no log:
 * the same strategies (strategies/ StrategyRunner, the very objects the strategy actors drive),
 * candles built from the bars as the symbol actors build them, and market orders filled at the
 * open of the bar that follows the close they were decided on, with the account's fee and
 * slippage arithmetic. The `backtest` bench's baseline, and a second opinion on the actors'
 * fills in the tests. It plays market orders only and checks no buying power: give it configs
 * whose orders the account accepts.
 */
export function referenceRun(series: readonly Series[], strategies: readonly StrategyConfig[], account: ReferenceAccount): ReferenceResult {
  const bySymbolHash = (a: string, b: string) => hash53(`symbol/${a}`) - hash53(`symbol/${b}`);
  const runners = [...strategies]
    .sort((a, b) => hash53(`strategy/${a.id}`) - hash53(`strategy/${b.id}`))
    .map((config) => ({ config, runner: new StrategyRunner(definitionOf(config), config) }));
  const used = new Set<Timeframe>(strategies.flatMap((s) => [s.timeframe, ...s.timeframes]));
  const timeframes = TIMEFRAMES.filter((tf) => used.has(tf));
  const withIndicators = runners.some((r) => r.runner.hears.indicators);
  const states = new Map<string, SymbolState>(
    series.map((s) => [s.symbol, { symbol: s.symbol, builders: timeframes.map((tf) => new CandleBuilder(tf)), indicators: new Map(withIndicators ? timeframes.map((tf) => [tf, new IndicatorSet()]) : []) }]),
  );
  const listeners = new Map(series.map((s) => [s.symbol, runners.filter((r) => r.config.symbols.includes(s.symbol))]));

  // Bars of every symbol in time order; symbols at the same time in the order an actor hears them.
  const merged: { symbol: string; bar: Bar }[] = series.flatMap((s) => s.bars.map((bar) => ({ symbol: s.symbol, bar })));
  merged.sort((a, b) => a.bar.openTime - b.bar.openTime || bySymbolHash(a.symbol, b.symbol));

  const bps = account.commissionPct * 100; // as the account's config holds it
  let cash = account.cash;
  const positions = new Map<string, number>();
  const fills: ReportFill[] = [];
  const pending: { runner: StrategyRunner; signal: Signal }[] = [];
  let orderNo = 0;
  const take = (runner: StrategyRunner, o: Outcome) => {
    for (const signal of o.signals) {
      if (signal.orderType !== 'market') throw new Error(`the reference loop plays market orders only; ${signal.strategyId} sent a ${signal.orderType}`);
      pending.push({ runner, signal });
    }
  };

  for (let i = 0; i < merged.length; ) {
    const time = merged[i]!.bar.openTime;
    let j = i;
    while (j < merged.length && merged[j]!.bar.openTime === time) j++;
    const group = merged.slice(i, j);
    i = j;
    // The bars' opens close the candles before them: every strategy decides on those first...
    for (const { symbol, bar } of group) {
      const st = states.get(symbol)!;
      for (const b of st.builders) {
        const c = b.addBar(bar);
        if (!c) continue;
        const candle = { openTime: c.openTime, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
        const close = c.openTime + timeframeMs(c.tf);
        const row = st.indicators.get(c.tf)?.update(c);
        for (const { runner } of listeners.get(symbol)!) {
          take(runner, runner.candle({ symbol, tf: c.tf, candle, time: close }));
          if (row) take(runner, runner.indicators({ symbol, tf: c.tf, openTime: c.openTime, time: close, values: row }));
        }
      }
    }
    // ...then what they decided fills at those opens, and what the fills make them decide fills there too.
    const opens = new Map(group.map(({ symbol, bar }) => [symbol, bar.open]));
    for (let rounds = 0; pending.length > 0 && rounds < 100; rounds++) {
      const now = pending.splice(0);
      for (const { runner, signal } of now) {
        const open = opens.get(signal.symbol);
        if (open === undefined) {
          pending.push({ runner, signal }); // no print of that symbol now: the next one fills it
          continue;
        }
        const qty = Number(round8(signal.qty).toFixed(8));
        const sign = signal.side === 'buy' ? 1 : -1;
        const price = round8(open * (1 + (sign * account.slippageBps) / 10_000));
        const fee = round8((qty * price * bps) / 10_000);
        cash = round8(cash - sign * qty * price - fee);
        positions.set(signal.symbol, round8((positions.get(signal.symbol) ?? 0) + sign * qty));
        fills.push({ time, symbol: signal.symbol, side: signal.side, qty, price, fee, orderId: `reference-${++orderNo}`, clientOrderId: signal.clientOrderId });
        take(runner, runner.fill({ symbol: signal.symbol, side: signal.side, qty, price, time, clientOrderId: signal.clientOrderId, reason: signal.reason }));
      }
      if (now.every((p) => !opens.has(p.signal.symbol))) break;
    }
  }
  return { fills, cash, positions, bars: merged.length };
}
