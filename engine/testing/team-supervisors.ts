/**
 * Team kinds with a fixed supervision strategy each (a behaviour's supervisor spec is static,
 * so tests pick the strategy by kind).
 */
import type { Strategy } from '../supervision/supervisor.ts';
import { team } from './kinds.ts';

const teamWith = (kind: string, strategy: Strategy): typeof team => ({ ...team, kind, supervisor: { strategy, maxRestarts: 3, withinMs: 1_000 } });

export const oneForOne = teamWith('team-one', 'one_for_one');
export const oneForAll = teamWith('team-all', 'one_for_all');
export const restForOne = teamWith('team-rest', 'rest_for_one');
