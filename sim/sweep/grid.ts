import type { StrategyConfig } from '../../strategies/config.ts';
import type { BacktestConfig, SweepSpec } from '../config.ts';

/** One combination of a sweep: its number, the params it sets, and the strategies it runs (ids suffixed). */
export interface Combination {
  readonly index: number;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly strategies: readonly StrategyConfig[];
}

/** Every combination of the grid, in order: the first param varies slowest, as nested loops would. */
export function combinations(spec: SweepSpec): Record<string, number | string | boolean>[] {
  let out: Record<string, number | string | boolean>[] = [{}];
  for (const [name, values] of Object.entries(spec.params)) out = out.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  return out;
}

/** A suffixed id within the 48 characters strategy and account ids may have. */
export const suffixed = (id: string, n: number): string => `${id.slice(0, 40)}-${n}`;

/**
 * The runs of a sweep: each combination is a copy of the backtest's strategies, the swept one
 * with the combination's params over its own, every id suffixed with the run's number and
 * trading an account of its own, so all of them run side by side in one simulation.
 */
export function expandSweep(config: BacktestConfig): Combination[] {
  const spec = config.sweep!;
  const target = spec.strategy ?? config.strategies[0]!.id;
  return combinations(spec).map((params, index) => ({
    index,
    params,
    strategies: config.strategies.map((s) => ({
      ...s,
      id: suffixed(s.id, index),
      accountId: suffixed(config.account.id, index),
      params: s.id === target ? { ...s.params, ...params } : s.params,
    })),
  }));
}
