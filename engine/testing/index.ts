import * as kinds from './kinds.ts';
import * as teams from './team-supervisors.ts';

export const behaviours = [
  kinds.counter,
  kinds.sink,
  kinds.source,
  kinds.trickle,
  kinds.order,
  kinds.keepLatest,
  kinds.keepFirst,
  kinds.keepAll,
  kinds.hop,
  kinds.listener,
  teams.oneForOne,
  teams.oneForAll,
  teams.restForOne,
];
export const TESTING_KINDS = new URL('./index.ts', import.meta.url).href;
