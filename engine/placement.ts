import { hash53 } from './hash.ts';
import { kindOf, type Address } from './names.ts';

/**
 * Where an actor lives: a worker chosen by the hash of its address, unless the address itself
 * or else its kind is pinned to a worker (`{ 'forecaster/1': 1 }` puts one actor on worker 1;
 * `{ 'candle-store': 0 }` a whole kind on worker 0). The router owns this policy; hosts evaluate
 * the same pure function with the router's overrides, so a message never asks the main thread
 * where to go. Called once per address: refs cache the answer.
 */
export type PlacementOverrides = Readonly<Record<string, number>>;

export function placeAddress(address: Address, workers: number, overrides: PlacementOverrides): number {
  const pinned = overrides[address] ?? overrides[kindOf(address)];
  return pinned !== undefined ? pinned % workers : hash53(address) % workers;
}
