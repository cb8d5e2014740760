import { round8 } from '../../market/orders/index.ts';

/** One reading of the account's value: [epoch ms, equity]. A pair, not an object: snapshots hold thousands. */
export type EquitySample = readonly [time: number, equity: number];

/**
 * The account's equity over time, as account state (folded from the log, so a restart has it).
 * Three tiers of the same readings: the last reading of each minute for a day, of each hour for
 * 30 days, of each day for ever. So a snapshot stays small (at most ~2,200 readings plus a
 * day's per year) while the last day is there at minute detail — what Alpaca's portfolio history
 * offers: 1Min to 1H bars over short periods, 1D over long ones.
 */
export interface EquityHistory {
  minute: EquitySample[];
  hour: EquitySample[];
  day: EquitySample[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIERS = [
  { name: 'minute', bucketMs: MINUTE, keepMs: DAY },
  { name: 'hour', bucketMs: HOUR, keepMs: 30 * DAY },
  { name: 'day', bucketMs: DAY, keepMs: Number.POSITIVE_INFINITY },
] as const;

export const emptyEquityHistory = (): EquityHistory => ({ minute: [], hour: [], day: [] });

/**
 * Records a reading. Ticks of different symbols may arrive slightly out of time order, so a
 * reading older than the last one is taken as of the last one's time: the series never runs
 * backwards. In each tier a reading in the same bucket as the last replaces it.
 */
export function recordEquity(h: EquityHistory, time: number, equity: number): void {
  const latest = h.minute.at(-1)?.[0] ?? Number.NEGATIVE_INFINITY;
  const t = Math.max(time, latest);
  const reading: EquitySample = [t, round8(equity)];
  for (const tier of TIERS) {
    const samples = h[tier.name];
    const last = samples.at(-1);
    if (last && Math.floor(last[0] / tier.bucketMs) === Math.floor(t / tier.bucketMs)) samples[samples.length - 1] = reading;
    else samples.push(reading);
    let stale = 0;
    while (stale < samples.length - 1 && samples[stale]![0] < t - tier.keepMs) stale++;
    if (stale > 0) samples.splice(0, stale);
  }
}

/** Every reading kept, in time order, once each: the finest tier where tiers overlap. */
export function equitySeries(h: EquityHistory): EquitySample[] {
  const byTime = new Map<number, EquitySample>();
  for (const tier of [...TIERS].reverse()) for (const s of h[tier.name]) byTime.set(s[0], s);
  return [...byTime.values()].sort((a, b) => a[0] - b[0]);
}

/** The last reading before `time`, else `fallback` (the opening cash): Alpaca's `last_equity` with `time` the start of the day. */
export function equityBefore(h: EquityHistory, time: number, fallback: number): number {
  let found = fallback;
  for (const s of equitySeries(h)) {
    if (s[0] >= time) break;
    found = s[1];
  }
  return found;
}

export const startOfUtcDay = (time: number): number => Math.floor(time / DAY) * DAY;
