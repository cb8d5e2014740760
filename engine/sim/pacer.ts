import type { SimDriver } from './driver.ts';

export interface PaceOptions {
  /** Simulated time to run to (epoch ms); the pacer stops there. */
  to: number;
  /** Simulated ms per wall ms (100: 100× real time); 0: as fast as the system goes. */
  speed: number;
  /** Called once when simulated time reaches `to`, or with the error that stopped the driver. */
  onDone?: (error?: unknown) => void;
}

/** How often a paced simulation catches up with the wall clock: often enough for a smooth stream, rarely enough to batch. */
const TICK_MS = 20;
/** At full speed, simulated time moved per run: small enough that the edge's asks wait little between runs. */
const MAX_SPEED_STEP_MS = 3_600_000;

export interface Pacer {
  /** Stops after the current run; resolves when the driver is idle. */
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

/**
 * Drives a simulation at a multiple of wall time, for a simulated market that people and bots
 * watch live (`npm start -- --replay`). Every TICK_MS it runs every event up to where simulated
 * time should be by now, so a busy moment is caught up in one run rather than timer by timer,
 * and whatever the speed the rounds stay deterministic: the pacer only chooses where runs end,
 * never what happens inside them. Between runs the driver answers asks from outside at once.
 */
export function paceSimulation(sim: SimDriver, { to, speed, onDone }: PaceOptions): Pacer {
  let stopped = false;
  const from = sim.now();
  const wallStart = performance.now(); // clock-ok: the pacer is the one place wall time sets the simulation's pace
  const target = () => Math.min(to, speed === 0 ? sim.now() + MAX_SPEED_STEP_MS : from + (performance.now() - wallStart) * speed); // clock-ok: as above
  const done = (async () => {
    try {
      while (!stopped) {
        const until = target();
        if (until > sim.now() || until === to) await sim.runUntil(until);
        if (until >= to) break;
        await Bun.sleep(speed === 0 ? 0 : TICK_MS);
      }
      await sim.drain(); // an ask that arrived as the last run finished
      if (!stopped) onDone?.();
    } catch (error) {
      onDone?.(error);
    }
  })();
  return {
    done,
    async stop() {
      stopped = true;
      await done;
    },
  };
}
