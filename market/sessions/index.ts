// Trading sessions: the NYSE calendar (holidays, early closes) and when day orders expire. Pure.
export { dayOrderExpiry } from './day-orders.ts';
export { newYorkInstant, newYorkIso, newYorkTime, type NewYorkTime } from './new-york.ts';
export { closedReason, easter, nextOpen, sessionAt, sessionFor, sessionOn, sessionsFrom, type Session } from './nyse.ts';
