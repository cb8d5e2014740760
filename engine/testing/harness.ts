import { ActorSystem } from '../system.ts';
import type { SystemOptions } from '../options.ts';
import { TESTING_KINDS } from './index.ts';

export type EngineEvent = { type: string; at: number; [k: string]: unknown };

/** Starts a real system on the testing kinds and records every engine event. */
export async function startTestSystem(options: Partial<SystemOptions> = {}) {
  const system = await ActorSystem.start({ workers: 2, behaviours: [TESTING_KINDS], ...options });
  const events: EngineEvent[] = [];
  system.onEvent((e) => events.push(e));
  return { system, events };
}

/** Polls until `check` returns a truthy value, or fails naming what it waited for. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs; // clock-ok: tests wait on real threads in wall time
  for (;;) {
    const value = await check();
    if (value) return value;
    const late = performance.now() > deadline; // clock-ok: as above
    if (late) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await Bun.sleep(5);
  }
}
