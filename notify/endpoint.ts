import type { Clock, TimerId } from '../engine/clock/clock.ts';
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../feeds/http/backoff.ts';
import { refilledTokens } from '../market/risk/token-bucket.ts';
import type { NotifyEventKind, Webhook } from './config.ts';

/** The part of `fetch` a webhook uses; injected so tests choose what answers (the real one in production). */
export type PostLike = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<Response>;

/**
 * idle: nothing to send. sending: a request is out. waiting: held by the endpoint's rate limit.
 * backing-off: the last attempt failed; the retry is scheduled. stopped: done.
 */
export type EndpointState = 'idle' | 'sending' | 'waiting' | 'backing-off' | 'stopped';

export interface EndpointStats {
  readonly name: string;
  /** The URL's host: the rest of a webhook URL is a secret. */
  readonly host: string;
  readonly state: EndpointState;
  /** Notifications waiting, the one being worked on included. */
  readonly pending: number;
  readonly sent: number;
  /** Given up: refused for good (a 4xx other than 408 and 429) or failed maxAttempts times. */
  readonly failed: number;
  /** Pushed out of a full queue, oldest first. */
  readonly dropped: number;
  readonly retries: number;
  /** 429 answers (each one also a retry, after the wait it asked for). */
  readonly rateLimited: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  /** When the held notification goes again (epoch ms on the injected clock), or null. */
  readonly nextAttemptAt: number | null;
}

interface Item {
  readonly kind: NotifyEventKind;
  readonly body: string;
  attempts: number;
}

type Outcome = { readonly status: number; readonly retryAfterMs: number | null } | { readonly network: string };

/**
 * One webhook endpoint: a bounded queue of notifications sent one at a time, in order, within the
 * endpoint's rate limit (a token bucket with market/risk's refill rule), each retried with
 * exponential backoff and jitter (feeds/http/backoff.ts) until it goes through, is refused for
 * good, or has used its attempts. A 429 waits what the endpoint asked for: Discord's
 * `retry_after` (seconds, in the body), else `Retry-After`, else `X-RateLimit-Reset-After`.
 *
 * Nothing here blocks the caller: `offer` queues and returns; a full queue drops its oldest
 * waiting notification and counts it, so an endpoint that is down or slow costs memory bounded
 * by `queue`, and never holds up whoever notifies. Time and timers come from the injected clock,
 * the jitter from the injected generator.
 */
export class WebhookEndpoint {
  private readonly waiting: Item[] = [];
  private current: Item | null = null;
  private state: EndpointState = 'idle';
  private stopped = false;
  private timer: TimerId | null = null;
  private nextAt: number | null = null;
  private inFlight: AbortController | null = null;
  private tokens: number;
  private refilledAt: number;
  private readonly counts = { sent: 0, failed: 0, dropped: 0, retries: 0, rateLimited: 0 };
  private lastStatus: number | null = null;
  private lastError: string | null = null;

  constructor(
    readonly config: Webhook,
    private readonly deps: { readonly clock: Clock; readonly post: PostLike; readonly random: () => number },
  ) {
    this.tokens = config.rate.burst;
    this.refilledAt = deps.clock.now();
  }

  /** Queues a notification (its body already written) and starts sending if idle. */
  offer(kind: NotifyEventKind, body: string): void {
    if (this.stopped) return;
    if (this.waiting.length + (this.current ? 1 : 0) >= this.config.queue) {
      // The one being worked on stays: it may be out on the wire right now.
      if (this.waiting.length > 0) this.waiting.shift();
      else return void this.counts.dropped++;
      this.counts.dropped++;
    }
    this.waiting.push({ kind, body, attempts: 0 });
    this.pump();
  }

  stats(): EndpointStats {
    return {
      name: this.config.name,
      host: hostOf(this.config.url),
      state: this.state,
      pending: this.waiting.length + (this.current ? 1 : 0),
      ...this.counts,
      lastStatus: this.lastStatus,
      lastError: this.lastError,
      nextAttemptAt: this.nextAt,
    };
  }

  /** Cancels the pending timer and aborts the request in flight; what was queued is let go. */
  stop(): void {
    this.stopped = true;
    this.state = 'stopped';
    if (this.timer !== null) this.deps.clock.cancel(this.timer);
    this.timer = null;
    this.nextAt = null;
    this.inFlight?.abort();
  }

  private pump(): void {
    if (this.stopped || this.inFlight !== null || this.timer !== null) return;
    this.current ??= this.waiting.shift() ?? null;
    if (this.current === null) return void (this.state = 'idle');
    const now = this.deps.clock.now();
    const { perSecond, burst } = this.config.rate;
    this.tokens = refilledTokens(this.tokens, now - this.refilledAt, burst, perSecond);
    this.refilledAt = Math.max(now, this.refilledAt);
    if (this.tokens < 1) return this.schedule(Math.ceil(((1 - this.tokens) / perSecond) * 1_000), 'waiting');
    this.tokens -= 1;
    void this.send(this.current);
  }

  private schedule(ms: number, state: EndpointState): void {
    this.nextAt = this.deps.clock.now() + ms;
    this.timer = this.deps.clock.at(this.nextAt, () => {
      this.timer = null;
      this.nextAt = null;
      this.pump();
    });
    this.state = state;
  }

  private async send(item: Item): Promise<void> {
    this.state = 'sending';
    item.attempts++;
    const outcome = await this.attempt(item.body);
    this.inFlight = null;
    if (this.stopped) return;
    if ('status' in outcome && outcome.status >= 200 && outcome.status < 300) {
      this.lastStatus = outcome.status;
      this.counts.sent++;
      this.current = null;
      return this.pump();
    }
    const retryAfterMs = 'status' in outcome ? outcome.retryAfterMs : null;
    if ('status' in outcome) {
      this.lastStatus = outcome.status;
      this.lastError = `HTTP ${outcome.status}`;
      if (outcome.status === 429) this.counts.rateLimited++;
    } else this.lastError = outcome.network;
    const retryable = !('status' in outcome) || isRetryableStatus(outcome.status);
    if (!retryable || item.attempts >= this.config.maxAttempts) {
      this.counts.failed++;
      this.current = null;
      return this.pump();
    }
    this.counts.retries++;
    // A 429 says exactly when to come back; other failures back off, never sooner than asked.
    const backoff = backoffDelay(item.attempts, this.config.backoff, this.deps.random);
    const rateLimited = 'status' in outcome && outcome.status === 429 && retryAfterMs !== null;
    this.schedule(rateLimited ? retryAfterMs : Math.max(backoff, retryAfterMs ?? 0), 'backing-off');
  }

  /** One POST, bounded by timeoutMs on the injected clock. Never throws. */
  private async attempt(body: string): Promise<Outcome> {
    const { clock } = this.deps;
    const abort = new AbortController();
    this.inFlight = abort;
    let timedOut = false;
    const timer = clock.at(clock.now() + this.config.timeoutMs, () => {
      timedOut = true;
      abort.abort();
    });
    try {
      const res = await this.deps.post(this.config.url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Tickflow-Notify/1' }, body, signal: abort.signal });
      const text = await res.text();
      return { status: res.status, retryAfterMs: res.status === 429 ? retryAfterOf(res.headers, text, clock.now()) : null };
    } catch (e) {
      if (timedOut) return { network: `no answer within ${this.config.timeoutMs} ms` };
      // A network error may quote the URL, and the URL holds the webhook's token.
      return { network: String((e as Error).message ?? e).replaceAll(this.config.url, `<${this.config.name}>`) };
    } finally {
      clock.cancel(timer);
    }
  }
}

/** How long a 429 asks to wait, in ms: Discord's body `retry_after` (seconds), else Retry-After, else X-RateLimit-Reset-After. */
export function retryAfterOf(headers: Headers, body: string, now: number): number | null {
  try {
    const parsed = JSON.parse(body) as { retry_after?: unknown };
    if (typeof parsed?.retry_after === 'number' && Number.isFinite(parsed.retry_after) && parsed.retry_after >= 0) return Math.min(Math.ceil(parsed.retry_after * 1_000), MAX_RETRY_AFTER_MS);
  } catch {
    // Not JSON: the headers may still say.
  }
  const header = parseRetryAfter(headers.get('retry-after'), now);
  if (header !== null) return header;
  const reset = Number(headers.get('x-ratelimit-reset-after') ?? Number.NaN);
  return Number.isFinite(reset) && reset >= 0 ? Math.min(Math.ceil(reset * 1_000), MAX_RETRY_AFTER_MS) : null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
