import { timeframeMs } from '../../market/timeframes.ts';
import { readCandlesOnce } from '../../storage/sqlite/read-once.ts';
import { timeframesOf } from '../../strategies/config.ts';
import type { StrategyRunner } from '../../strategies/runner.ts';
import type { CandleEvent } from '../../strategies/strategy.ts';

/**
 * Replays the newest `warmup` stored candles of each symbol and timeframe through the runner,
 * in the order the market closed them (close time, then finer timeframes first, as a symbol
 * actor closes them, then the config's symbol order), so a strategy started on a running
 * market, or restarted with the engine, has its indicators where they would be. What it decides
 * meanwhile was history: the caller discards it, and puts the saved book back. Returns how many
 * candles were replayed.
 */
export function warmUp(runner: StrategyRunner, candleDb: string): number {
  const { config } = runner;
  const events: CandleEvent[] = readCandlesOnce(
    candleDb,
    (store) =>
      config.symbols.flatMap((symbol) =>
        timeframesOf(config).flatMap((tf) =>
          store.candles(symbol, tf, { limit: config.warmup }).map((c) => ({ symbol, tf, candle: c, time: c.openTime + timeframeMs(tf) })),
        ),
      ),
    [],
  );
  const order = new Map(config.symbols.map((sym, i) => [sym, i]));
  events.sort((a, b) => a.time - b.time || timeframeMs(a.tf) - timeframeMs(b.tf) || order.get(a.symbol)! - order.get(b.symbol)!);
  for (const e of events) runner.candle(e);
  return events.length;
}
