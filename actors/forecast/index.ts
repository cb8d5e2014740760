import { forecaster } from './behaviour.ts';

export const behaviours = [forecaster];
export { FORECASTER_PLACEMENT, forecasterAddress } from './placement.ts';
export type { ForecastMsg, OutcomeMsg, ForecasterStats } from './messages.ts';
