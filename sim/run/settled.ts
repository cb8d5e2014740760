import type { SimDriver } from '../../engine/sim/driver.ts';

/**
 * Runs the simulation to rest at its current time, waiting first for a run already going: an
 * ask from outside starts a drain of its own, and while one runs, another `drain` returns at
 * once and `runUntil` refuses. Between simulation steps (a crash's recovery, the end of a run)
 * this is how the harness knows every message sent so far has been handled.
 */
export async function settled(sim: SimDriver): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await sim.runUntil(sim.now());
      return;
    } catch (e) {
      if (!(e instanceof Error) || !e.message.includes('already running') || attempt >= 30_000) throw e;
      await Bun.sleep(1); // wall time: the other run is on real threads
    }
  }
}
