import type { Clock } from '../../engine/clock/clock.ts';
import type { Bar } from '../../market/candles/candle.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../http/backoff.ts';
import { failureOf, httpGet, type FetchLike } from '../http/http-get.ts';
import { PollLoop, type AttemptResult, type PollState, type PollStats } from '../http/poll-loop.ts';
import { parseJsonText } from '../http/zod-issue.ts';
import { fredErrorOf, parseObservations, utcDate } from './observations.ts';
import { nextDailyRun } from './schedule.ts';

export interface FredPollerOptions {
  readonly seriesId: string;
  /** Undefined or blank: the poller reports 'missing-api-key' and never calls FRED. */
  readonly apiKey: string | undefined;
  readonly clock: Clock;
  readonly fetch: FetchLike;
  /** In [0, 1): spreads retries (backoff jitter). */
  readonly random: () => number;
  /** New observations, oldest first, each delivered once. */
  readonly onBars: (bars: Bar[]) => void;
  /** Each change of the poll loop's state (feeds/http/poll-loop.ts); never called without an API key. */
  readonly onState?: (state: PollState) => void;
  /** The date (UTC midnight ms) of the newest observation already held; only later ones are delivered. Absent: the whole history. */
  readonly since?: number;
  readonly baseUrl?: string;
  /** The UTC hour of the daily look; default 14, after the 8:30 New York releases. */
  readonly hourUtc?: number;
  readonly backoff?: BackoffPolicy;
  readonly requestTimeoutMs?: number;
}

export interface FredPollerStats extends Omit<PollStats, 'state'> {
  readonly state: PollStats['state'] | 'missing-api-key';
  readonly barsEmitted: number;
  readonly lastDate: string | null;
  /** Observations whose value was "." (missing), over every response. */
  readonly missing: number;
}

/** FRED's first date, its own default for observation_start. */
const FRED_EPOCH = '1776-07-04';
/** A server whose `count` never comes true must not keep one attempt paging forever. */
const MAX_PAGES = 50;

/**
 * Looks at one FRED series once a day on the injected clock (and once right away on start),
 * asking for observations from the newest date it already holds, and delivers only later
 * ones. Revisions of values already delivered are not followed: FRED keeps the date, changes
 * the value, and the bar for that date has gone out.
 */
export class FredPoller {
  private readonly loop: PollLoop;
  private readonly key: string | null;
  private last: number | null;
  private barsEmitted = 0;
  private missing = 0;

  constructor(private readonly o: FredPollerOptions) {
    this.key = o.apiKey?.trim() ? o.apiKey.trim() : null;
    this.last = o.since ?? null;
    const hour = o.hourUtc ?? 14;
    nextDailyRun(0, hour); // refuses a bad hour now, not at the first success
    const untilNextRun = () => nextDailyRun(o.clock.now(), hour) - o.clock.now();
    this.loop = new PollLoop({ ...o, backoff: o.backoff ?? DEFAULT_BACKOFF, rejectedDelayMs: untilNextRun, attempt: (abort) => this.attempt(abort, untilNextRun) });
  }

  /** Starts with a look right away; without an API key, does nothing but say so in stats(). */
  start(): void {
    if (this.key !== null) this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  stats(): FredPollerStats {
    const base = { ...this.loop.stats(), barsEmitted: this.barsEmitted, lastDate: this.last === null ? null : utcDate(this.last), missing: this.missing };
    if (this.key !== null || base.state === 'stopped') return base;
    return { ...base, state: 'missing-api-key', lastError: `no FRED API key: ${this.o.seriesId} cannot be fetched until one is configured` };
  }

  private url(offset: number): string {
    const start = this.last === null ? FRED_EPOCH : utcDate(this.last);
    const query = `series_id=${encodeURIComponent(this.o.seriesId)}&api_key=${encodeURIComponent(this.key!)}&file_type=json&observation_start=${start}`;
    return `${this.o.baseUrl ?? 'https://api.stlouisfed.org'}/fred/series/observations?${query}${offset > 0 ? `&offset=${offset}` : ''}`;
  }

  private async attempt(abort: AbortController, untilNextRun: () => number): Promise<AttemptResult> {
    const bars: Bar[] = [];
    let missing = 0;
    for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
      const outcome = await httpGet(this.o.fetch, this.url(offset), this.o.clock, this.o.requestTimeoutMs ?? 15_000, abort);
      if (outcome.kind !== 'response' || outcome.status < 200 || outcome.status > 299) return this.redact(failureOf(outcome, explainFredError));
      const json = parseJsonText(outcome.body);
      const parsed = json.ok ? parseObservations(json.json) : json;
      if (!parsed.ok) return { ok: false, kind: 'invalid-body', message: parsed.error, retryable: true, retryAfterMs: null };
      bars.push(...parsed.observations.bars);
      missing += parsed.observations.missing;
      offset = parsed.observations.offset + parsed.observations.returned;
      if (parsed.observations.returned === 0 || offset >= parsed.observations.count) break;
    }
    this.missing += missing;
    this.deliver(bars);
    return { ok: true, nextDelayMs: untilNextRun() };
  }

  private deliver(bars: Bar[]): void {
    const fresh = bars.filter((b) => b.openTime > (this.last ?? -Infinity));
    if (fresh.length === 0) return;
    this.last = fresh.at(-1)!.openTime;
    this.barsEmitted += fresh.length;
    try {
      this.o.onBars(fresh);
    } catch (e) {
      this.loop.noteError('consumer', `onBars threw: ${(e as Error).message}`);
    }
  }

  /** The key travels in the URL; an error message that quotes the URL must not carry it into stats or logs. */
  private redact<T extends { message: string }>(failure: T): T {
    return { ...failure, message: failure.message.split(this.key!).join('***') };
  }
}

function explainFredError(body: string): string | null {
  const json = parseJsonText(body);
  return json.ok ? fredErrorOf(json.json) : null;
}
