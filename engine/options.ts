import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { placementOverrides } from './placement.ts';
import { DEFAULT_SUPERVISOR } from './supervision/supervisor.ts';

/** How to start an actor system. Parsed once, at the composition root. */
export const systemOptions = z.object({
  /** Worker threads; each hosts many actors. */
  workers: z.number().int().min(1).max(256).default(() => availableParallelism()),
  /** Module URLs or paths, each exporting `behaviours: Behaviour[]`; every thread loads them all. */
  behaviours: z.array(z.string()).min(1),
  /** `live` runs on wall time; `sim` runs on a SimClock driven by `system.sim`, in deterministic rounds. */
  clock: z.enum(['live', 'sim']).default('live'),
  /** Simulated start time (epoch ms) when clock is `sim`. */
  simStart: z.number().default(0),
  /** Kinds pinned to a worker index, or placed `by-id` (engine/placement.ts); other actors are placed by the hash of their address. */
  placement: placementOverrides.default({}),
  /** The root supervisor, parent of every actor spawned from outside. */
  supervisor: z
    .object({
      strategy: z.enum(['one_for_one', 'one_for_all', 'rest_for_one']).default(DEFAULT_SUPERVISOR.strategy),
      maxRestarts: z.number().int().nonnegative().default(10),
      withinMs: z.number().positive().default(10_000),
    })
    .prefault({}),
  /**
   * Backlog (messages) beyond which a worker's producers pause and tell() returns false. It
   * bounds memory and how long a message can wait behind others (200k: well under a second).
   */
  highWater: z.number().int().positive().default(200_000),
  askTimeoutMs: z.number().positive().default(5_000),
  /** How long an idle worker keeps its loop hot before parking (latency against CPU; 0 = park at once). */
  spinMs: z.number().nonnegative().max(100).default(1),
});

export type SystemOptions = z.input<typeof systemOptions>;
export type ResolvedOptions = z.output<typeof systemOptions>;
