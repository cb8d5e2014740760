import { address, type ActorSystem } from '../../engine/index.ts';
import { open } from '../../storage/sqlite/open.ts';
import { SignalStore, type SignalRecord } from '../../storage/sqlite/signal-store.ts';
import type { StrategyConfig } from '../../strategies/config.ts';
import type { StrategyView } from './messages.ts';
import { runningStrategies, startStrategy, stopStrategy } from './start.ts';

/** What the REST routes do with strategies (api/routes/strategies.ts); `strategyAdmin` makes it for a running engine. */
export interface StrategyAdmin {
  list(): StrategyConfig[];
  /** Checks and starts a config: StrategyConfigError (400) or StrategyConflictError (409) otherwise. */
  start(input: unknown): Promise<StrategyConfig>;
  /** False when no such strategy runs. */
  stop(id: string): boolean;
  /** The running strategy's own view; null when none runs with that id. */
  view(id: string, signals?: number): Promise<StrategyView | null>;
  /** Stored signals, newest first (a stopped strategy's too); null without a database. */
  signals(id: string, options: { limit: number; before?: number }): SignalRecord[] | null;
}

/** The admin of a system's strategies, recording them in `db` (the engine's TICKFLOW_DB) when there is one. */
export function strategyAdmin(system: ActorSystem, db?: string): StrategyAdmin {
  const store = db ? { db } : {};
  return {
    list: () => runningStrategies(system),
    start: async (input) => (await startStrategy(system, input, { ...store, checkAccount: true })).config,
    stop: (id) => stopStrategy(system, id, store),
    view: async (id, signals) => {
      if (!runningStrategies(system).some((c) => c.id === id)) return null;
      return system.ask<StrategyView>(address('strategy', id), { type: 'view', ...(signals !== undefined ? { signals } : {}) });
    },
    signals: (id, options) => {
      if (!db) return null;
      const conn = open(db);
      try {
        return new SignalStore(conn).recent(id, options);
      } finally {
        conn.close();
      }
    },
  };
}
