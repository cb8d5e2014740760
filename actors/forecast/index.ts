import { forecaster } from './behaviour.ts';

export const behaviours = [forecaster];
export { forecasterAddress, forecasterPlacement } from './placement.ts';
export type { ForecastMsg, OutcomeMsg, ForecasterStats } from './messages.ts';
