import type { ActorSystem, Address } from '../../engine/index.ts';
import { accountAddress } from '../account/start.ts';
import { open } from '../../storage/sqlite/open.ts';
import { StrategyStore } from '../../storage/sqlite/signal-store.ts';
import type { StrategyConfig } from '../../strategies/config.ts';
import { StrategyConfigError } from '../../strategies/module.ts';
import { parseStrategyConfig } from './load.ts';
import { strategyAddress } from './messages.ts';
import { routeOrders } from './relay.ts';

/** The strategy kind's behaviour module, for `ActorSystem.start({ behaviours })` beside the market's and the accounts'. */
export const STRATEGY_KINDS = [new URL('./index.ts', import.meta.url).href];

/** A strategy id that is already running: a 409, not a 400. */
export class StrategyConflictError extends Error {
  override readonly name = 'StrategyConflictError';
}

export interface StartOptions {
  /**
   * The engine's SQLite file: signals are stored there, the start is recorded so the strategy
   * comes back with the engine (restoreStrategies), and its candle store warms the indicators.
   * None: nothing stored, no warm-up (a backtest that keeps its own record).
   */
  db?: string;
  /** Warm up on the stored candles of `db` (default: true with a db). */
  warm?: boolean;
  /** Record the start in the strategies table (default: true with a db). */
  persist?: boolean;
  /** What a relative module path is relative to (default: the working directory). */
  base?: string;
  /** Refuse a config whose account does not answer (the REST start; a harness may spawn accounts after). */
  checkAccount?: boolean;
  /**
   * Install the order route (relay.ts) that submits `intent.<id>` orders to the accounts (default
   * true). A harness with a route of its own (a fill rule of its own) says false and listens on
   * `intent.*` itself.
   */
  routeOrders?: boolean;
}

export interface StartedStrategy {
  address: Address;
  config: StrategyConfig;
}

const running = new WeakMap<ActorSystem, Map<string, StrategyConfig>>();
const runningOn = (system: ActorSystem) => {
  let m = running.get(system);
  if (!m) running.set(system, (m = new Map()));
  return m;
};

/**
 * Checks a config (StrategyConfigError with the reason otherwise), records it, makes sure
 * intents are routed to the accounts, and spawns `strategy/<id>`. The config is the JSON a
 * client or a file gives; defaults are filled in and a module path made absolute.
 */
export async function startStrategy(system: ActorSystem, input: unknown, options: StartOptions = {}): Promise<StartedStrategy> {
  const { config } = await parseStrategyConfig(input, options.base);
  if (options.checkAccount) await checkAccount(system, config.accountId);
  const live = runningOn(system);
  if (live.has(config.id)) throw new StrategyConflictError(`strategy ${config.id} is already running; stop it first (DELETE /api/strategies/${config.id})`);
  live.set(config.id, config); // held before any await below, so two starts of one id cannot both pass
  try {
    const { db } = options;
    if (db && (options.persist ?? true)) withStore(db, (store) => store.save(config.id, config, system.clock.now()));
    if (options.routeOrders ?? true) routeOrders(system);
    await spawnWhenFree(system, config, { ...(db ? { db } : {}), ...(db && (options.warm ?? true) ? { warmFrom: db } : {}) });
  } catch (e) {
    live.delete(config.id);
    throw e;
  }
  return { address: strategyAddress(config.id), config };
}

/** Stops `strategy/<id>`; with a db it stays stopped after a restart. False when no such strategy runs. */
export function stopStrategy(system: ActorSystem, id: string, options: Pick<StartOptions, 'db'> = {}): boolean {
  const live = runningOn(system);
  if (!live.has(id)) return false;
  system.stop(strategyAddress(id));
  live.delete(id);
  if (options.db) withStore(options.db, (store) => store.setRunning(id, false, system.clock.now()));
  return true;
}

/** The configs of the strategies running on this system, by id. */
export function runningStrategies(system: ActorSystem): StrategyConfig[] {
  return [...runningOn(system).values()].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * At engine start: every strategy recorded as running in `db` is started again (warming up on
 * the stored candles, its book as saved at its last fill). One that no longer loads (its module
 * moved, a config an upgrade refuses) is reported and left recorded, not dropped.
 */
export async function restoreStrategies(system: ActorSystem, db: string): Promise<{ started: string[]; failed: { id: string; error: string }[] }> {
  const stored = withStore(db, (store) => store.list({ running: true }));
  const started: string[] = [];
  const failed: { id: string; error: string }[] = [];
  for (const s of stored) {
    try {
      await startStrategy(system, s.config, { db, persist: false });
      started.push(s.id);
    } catch (e) {
      failed.push({ id: s.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { started, failed };
}

/** The account answers a cheap ask, or the config is refused naming it. */
async function checkAccount(system: ActorSystem, accountId: string): Promise<void> {
  try {
    await system.ask(accountAddress(accountId), { type: 'orderByClientId', clientOrderId: '-' }, 2_000);
  } catch (e) {
    throw new StrategyConfigError(`accountId: no paper account ${accountId} answers (${e instanceof Error ? e.message : String(e)}); create one with POST /api/admin/accounts`);
  }
}

function withStore<T>(db: string, fn: (store: StrategyStore) => T): T {
  const conn = open(db);
  try {
    return fn(new StrategyStore(conn));
  } finally {
    conn.close();
  }
}

/**
 * Spawns, waiting briefly for a stopped actor of the same id to be gone: a stop is a message,
 * and the router forgets the address only when the worker says the actor has stopped.
 */
async function spawnWhenFree(system: ActorSystem, config: StrategyConfig, props: { db?: string; warmFrom?: string }): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      system.spawn('strategy', config.id, { config, ...props });
      return;
    } catch (e) {
      if (!(e instanceof Error) || !e.message.endsWith('is already running') || attempt >= 200) throw e;
      if (system.sim) await system.sim.drain();
      else await Bun.sleep(5); // wall time: waiting for a worker's answer, not market time
    }
  }
}

export { StrategyConfigError };
