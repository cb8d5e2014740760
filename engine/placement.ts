import { hash53 } from './hash.ts';
import { kindOf, type Address } from './names.ts';

/**
 * Where an actor lives: a worker chosen by the hash of its address, unless its kind is pinned
 * to a worker. The router owns this policy; hosts evaluate the same pure function with the
 * router's overrides, so a message never asks the main thread where to go.
 */
export type PlacementOverrides = Readonly<Record<string, number>>;

export function placeAddress(address: Address, workers: number, overrides: PlacementOverrides): number {
  const pinned = overrides[kindOf(address)];
  return pinned !== undefined ? pinned % workers : hash53(address) % workers;
}
