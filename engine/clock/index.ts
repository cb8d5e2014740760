export type { Clock, TimerId } from './clock.ts';
export { after } from './clock.ts';
export { LiveClock } from './live-clock.ts';
export { SimClock } from './sim-clock.ts';
export { nextMacrotask } from './macrotask.ts';
