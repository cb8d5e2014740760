import { address, type Address } from '../../engine/index.ts';

/** The forecaster of worker `n`. */
export const forecasterAddress = (worker: number): Address => address('forecaster', String(worker));

/** Pins each worker's forecaster to it: a symbol's closes never leave its worker to be scored. */
export const forecasterPlacement = (workers: number): Record<string, number> =>
  Object.fromEntries(Array.from({ length: workers }, (_, n) => [forecasterAddress(n), n]));
