import type { ActorSystem, Introspection, Totals } from '../engine/index.ts';

export interface WorkerHealth {
  index: number;
  alive: boolean;
  deaths: number;
  actors: number;
  backlog: number;
}

export interface Health {
  status: 'ok' | 'degraded';
  uptimeMs: number;
  version: string;
  engine: { workers: WorkerHealth[]; totals: Totals };
  /** Present when degraded: what is wrong, one line each. */
  degraded?: string[];
}

/** Rejects when `work` takes longer than `ms`; a hung worker must not hang the health check. */
function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The engine's health from one introspection; degraded when it fails or any worker is down. */
export async function checkHealth(system: ActorSystem, base: { uptimeMs: number; version: string }, timeoutMs = 1000): Promise<Health> {
  let view: Introspection;
  try {
    view = await within(system.introspect(), timeoutMs);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    // Totals are read from shared counters without asking the workers, so they still answer.
    return { status: 'degraded', ...base, engine: { workers: [], totals: system.totals() }, degraded: [`engine introspection failed: ${why}`] };
  }
  const workers = view.workers.map((w) => ({ index: w.index, alive: w.alive, deaths: w.deaths, actors: w.actors.length, backlog: w.backlog }));
  const degraded = workers.filter((w) => !w.alive).map((w) => `worker ${w.index} is not alive (deaths: ${w.deaths})`);
  const engine = { workers, totals: view.totals };
  return degraded.length > 0 ? { status: 'degraded', ...base, engine, degraded } : { status: 'ok', ...base, engine };
}
