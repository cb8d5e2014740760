import type { Clock } from '../../engine/clock/clock.ts';
import type { Bar } from '../../market/candles/candle.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../http/backoff.ts';
import { chartErrorOf, parseChart, type ChartSkips, type Split } from './chart.ts';
import { nextPollDelay, regularSession, SLOW_POLL_MS, type Session } from './hours.ts';
import { failureOf, httpGet, type FetchLike } from '../http/http-get.ts';
import { PollLoop, type AttemptResult, type PollState, type PollStats } from '../http/poll-loop.ts';
import { parseJsonText } from '../http/zod-issue.ts';

export type YahooInterval = '1d' | '1m';

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
const INTERVAL_MS: Record<YahooInterval, number> = { '1m': MINUTE, '1d': DAY };
/** Yahoo refuses 1m requests spanning more than 7 days; after a long outage the older minutes are a gap. */
const MAX_WINDOW_MS: Record<YahooInterval, number> = { '1m': 7 * DAY, '1d': Infinity };
const DEFAULT_LOOKBACK_MS: Record<YahooInterval, number> = { '1m': DAY, '1d': 30 * DAY };

export interface YahooPollerOptions {
  readonly symbol: string;
  readonly interval: YahooInterval;
  readonly clock: Clock;
  readonly fetch: FetchLike;
  /** In [0, 1): spreads retries (backoff jitter). */
  readonly random: () => number;
  /** New closed bars, oldest first, each delivered once. */
  readonly onBars: (bars: Bar[]) => void;
  /** Splits not seen before, so bars stored before them can be put on the new basis (adjust.ts). */
  readonly onSplits?: (splits: Split[]) => void;
  /** Each change of the poll loop's state (feeds/http/poll-loop.ts). */
  readonly onState?: (state: PollState) => void;
  /** The open time of the newest bar already held (a restarted consumer's); only later bars are delivered. */
  readonly since?: number;
  readonly baseUrl?: string;
  /** Between polls while the market is open; default one minute. */
  readonly pollMs?: number;
  /** How far back the first request reaches; default a day of 1m bars, 30 days of 1d. */
  readonly lookbackMs?: number;
  /** Sleep outside the regular session (US equities); false polls every pollMs (crypto). Default true. */
  readonly followMarketHours?: boolean;
  readonly backoff?: BackoffPolicy;
  readonly requestTimeoutMs?: number;
  readonly headers?: Record<string, string>;
}

export interface YahooPollerStats extends PollStats {
  readonly barsEmitted: number;
  readonly lastBarTime: number | null;
  /** Rows the parser left out, summed over every response. */
  readonly skipped: ChartSkips;
  readonly session: Session | null;
}

/**
 * Polls Yahoo's chart API for one symbol on the injected clock. Each poll asks for the range
 * from the last bar delivered to now, and hands on only bars that are both new (later than the
 * last one) and closed (their interval is over): a forming bar would otherwise be frozen at
 * its first values. A bar is final once its interval has passed; later revisions are not followed.
 */
export class YahooPoller {
  private readonly loop: PollLoop;
  private readonly o: YahooPollerOptions & Required<Pick<YahooPollerOptions, 'baseUrl' | 'pollMs' | 'followMarketHours' | 'backoff' | 'requestTimeoutMs' | 'headers' | 'lookbackMs'>>;
  private lastBarTime: number | null;
  private barsEmitted = 0;
  private session: Session | null = null;
  private readonly skipped: ChartSkips = { missing: 0, inconsistent: 0, outsideSession: 0 };
  private readonly seenSplits = new Set<number>();

  constructor(options: YahooPollerOptions) {
    this.o = {
      ...options,
      baseUrl: options.baseUrl ?? 'https://query1.finance.yahoo.com',
      pollMs: options.pollMs ?? MINUTE,
      lookbackMs: options.lookbackMs ?? DEFAULT_LOOKBACK_MS[options.interval],
      followMarketHours: options.followMarketHours ?? true,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
      headers: options.headers ?? {},
    };
    this.lastBarTime = options.since ?? null;
    this.loop = new PollLoop({ ...this.o, rejectedDelayMs: () => SLOW_POLL_MS, attempt: (abort) => this.attempt(abort) });
  }

  start(): void {
    this.loop.start();
  }

  /** Cancels the next poll and any request in flight; no timer is left on the clock. */
  stop(): void {
    this.loop.stop();
  }

  stats(): YahooPollerStats {
    return { ...this.loop.stats(), barsEmitted: this.barsEmitted, lastBarTime: this.lastBarTime, skipped: { ...this.skipped }, session: this.session };
  }

  private url(now: number): string {
    const { interval } = this.o;
    const from = Math.max(this.lastBarTime ?? now - this.o.lookbackMs, now - MAX_WINDOW_MS[interval]);
    const query = `interval=${interval}&period1=${Math.floor(from / 1000)}&period2=${Math.ceil(now / 1000)}&events=div,split`;
    return `${this.o.baseUrl}/v8/finance/chart/${encodeURIComponent(this.o.symbol)}?${query}`;
  }

  private async attempt(abort: AbortController): Promise<AttemptResult> {
    const { clock } = this.o;
    const outcome = await httpGet(this.o.fetch, this.url(clock.now()), clock, this.o.requestTimeoutMs, abort, this.o.headers);
    if (outcome.kind !== 'response' || outcome.status < 200 || outcome.status > 299) return failureOf(outcome, explainChartError);
    const json = parseJsonText(outcome.body);
    const parsed = json.ok ? parseChart(json.json) : json;
    if (!parsed.ok) return { ok: false, kind: 'invalid-body', message: parsed.error, retryable: true, retryAfterMs: null };
    const { chart } = parsed;
    for (const key of ['missing', 'inconsistent', 'outsideSession'] as const) this.skipped[key] += chart.skipped[key];
    this.session = regularSession(chart.meta);
    const now = clock.now();
    this.deliver(chart.bars, chart.splits, now);
    return { ok: true, nextDelayMs: this.o.followMarketHours ? nextPollDelay(now, this.session, this.o.pollMs) : this.o.pollMs };
  }

  private deliver(bars: Bar[], splits: Split[], now: number): void {
    const span = INTERVAL_MS[this.o.interval];
    const last = this.lastBarTime ?? -Infinity;
    const fresh = bars.filter((b) => b.openTime > last && b.openTime + span <= now);
    const newSplits = splits.filter((s) => !this.seenSplits.has(s.time));
    for (const s of newSplits) this.seenSplits.add(s.time);
    if (fresh.length > 0) {
      this.lastBarTime = fresh.at(-1)!.openTime;
      this.barsEmitted += fresh.length;
    }
    // Delivery comes after the bookkeeping: a consumer that throws must not get the same bars twice.
    if (newSplits.length > 0) this.call('onSplits', () => this.o.onSplits?.(newSplits));
    if (fresh.length > 0) this.call('onBars', () => this.o.onBars(fresh));
  }

  private call(name: string, callback: () => void): void {
    try {
      callback();
    } catch (e) {
      this.loop.noteError('consumer', `${name} threw: ${(e as Error).message}`);
    }
  }
}

/** Yahoo explains its refusals in the chart envelope: {"chart":{"result":null,"error":{code,description}}}. */
function explainChartError(body: string): string | null {
  const json = parseJsonText(body);
  return json.ok ? chartErrorOf(json.json) : null;
}
