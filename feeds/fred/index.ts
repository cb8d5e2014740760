export { parseObservations, fredErrorOf, dateToUtcMs, utcDate, type ParsedObservations, type ObservationsParse } from './observations.ts';
export { parseSeries, type FredSeries, type SeriesParse } from './series.ts';
export { nextDailyRun } from './schedule.ts';
export { FredPoller, type FredPollerOptions, type FredPollerStats } from './poller.ts';
