import { z } from 'zod';
import { hash53 } from './hash.ts';
import { idOf, kindOf, type Address } from './names.ts';

/**
 * Where an actor lives: a worker chosen by the hash of its address, unless its kind is pinned
 * to a worker (`{ 'candle-store': 0 }`) or placed `by-id`, where the id names the worker
 * (`forecaster/1` on worker 1: one per worker, beside the actors it serves; an id that is not a
 * whole number falls back to the hash). The router owns this policy; hosts evaluate the same
 * pure function with the router's overrides, so a message never asks the main thread where to
 * go. Called once per address: refs cache the answer.
 */
export const placementOverrides = z.record(z.string(), z.union([z.number().int().nonnegative(), z.literal('by-id')]));
export type PlacementOverrides = Readonly<z.infer<typeof placementOverrides>>;

export function placeAddress(address: Address, workers: number, overrides: PlacementOverrides): number {
  const pinned = overrides[kindOf(address)];
  if (typeof pinned === 'number') return pinned % workers;
  const worker = pinned === 'by-id' ? Number(idOf(address)) : Number.NaN;
  return Number.isSafeInteger(worker) && worker >= 0 ? worker % workers : hash53(address) % workers;
}
