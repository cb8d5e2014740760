import { address, type Address } from '../../engine/index.ts';

/** The forecaster of worker `n`. */
export const forecasterAddress = (worker: number): Address => address('forecaster', String(worker));

/** Each worker's forecaster lives on it (its id is the worker): a symbol's closes never leave its worker to be scored. */
export const FORECASTER_PLACEMENT = { forecaster: 'by-id' } as const;
