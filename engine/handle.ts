import type { ActorSystem } from './system.ts';

/**
 * What a reader outside the engine uses of it: asks, introspection, totals. In the engine's own
 * process this is the ActorSystem; an edge process of its own reaches the same three through a
 * link (api/bus/redis-engine.ts), so the routes never know which one they have.
 */
export type EngineHandle = Pick<ActorSystem, 'ask' | 'introspect' | 'totals'>;
