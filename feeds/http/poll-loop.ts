import type { Clock, TimerId } from '../../engine/clock/clock.ts';
import { retryDelay, type BackoffPolicy } from './backoff.ts';

/**
 * idle: not started. polling: a request is in flight. waiting: the last attempt worked, the
 * next is scheduled. backing-off: it failed in a way worth retrying soon. rejected: it failed
 * in a way that will not fix itself soon (a 404, a refused key), retried slowly. stopped: done.
 */
export type PollState = 'idle' | 'polling' | 'waiting' | 'backing-off' | 'rejected' | 'stopped';

export interface PollStats {
  readonly state: PollState;
  /** Attempts started. */
  readonly polls: number;
  readonly successes: number;
  /** Failures by kind: an HTTP status ('429', '503'), 'network', 'invalid-body', 'consumer', 'internal'. */
  readonly errors: Readonly<Record<string, number>>;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  /** When the next attempt is due (epoch ms on the injected clock), or null. */
  readonly nextPollAt: number | null;
}

export type AttemptResult =
  | { readonly ok: true; readonly nextDelayMs: number }
  | { readonly ok: false; readonly kind: string; readonly message: string; readonly retryable: boolean; readonly retryAfterMs: number | null };

export interface PollLoopOptions {
  readonly clock: Clock;
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  /** The wait after a failure that will not fix itself soon (the backoff, if that is longer). */
  readonly rejectedDelayMs: () => number;
  /** One attempt, reporting its failures as results. `abort` fires when the loop is stopped mid-attempt. */
  readonly attempt: (abort: AbortController) => Promise<AttemptResult>;
  /** Each change of state, as it happens (a feed actor says its state out loud from here). */
  readonly onState?: (state: PollState) => void;
}

/**
 * The scheduling both pollers share: one attempt at a time, the next one set on the injected
 * clock from the attempt's own answer, exponential backoff with jitter after failures, and a
 * stop that cancels the pending timer and aborts the request in flight, leaving nothing behind.
 */
export class PollLoop {
  private state: PollState = 'idle';
  private timer: TimerId | null = null;
  private nextAt: number | null = null;
  private inFlight: AbortController | null = null;
  private polls = 0;
  private successes = 0;
  private failures = 0;
  private lastError: string | null = null;
  private readonly errors: Record<string, number> = {};

  constructor(private readonly o: PollLoopOptions) {}

  /** Starts with an attempt right away. Calling it again, or after stop(), does nothing. */
  start(): void {
    if (this.state === 'idle') void this.run();
  }

  stop(): void {
    if (this.timer !== null) this.o.clock.cancel(this.timer);
    this.timer = null;
    this.nextAt = null;
    this.setState('stopped');
    this.inFlight?.abort();
  }

  /** Counts a failure that happened outside an attempt's own outcome, e.g. a throwing callback. */
  noteError(kind: string, message: string): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + 1;
    this.lastError = message;
  }

  stats(): PollStats {
    return {
      state: this.state,
      polls: this.polls,
      successes: this.successes,
      errors: { ...this.errors },
      consecutiveFailures: this.failures,
      lastError: this.lastError,
      nextPollAt: this.nextAt,
    };
  }

  private async run(): Promise<void> {
    this.timer = null;
    this.nextAt = null;
    this.setState('polling');
    this.polls++;
    const abort = new AbortController();
    this.inFlight = abort;
    let result: AttemptResult;
    try {
      result = await this.o.attempt(abort);
    } catch (e) {
      // An attempt is written not to throw; if one does, the loop still lives and says so.
      result = { ok: false, kind: 'internal', message: String(e), retryable: true, retryAfterMs: null };
    }
    this.inFlight = null;
    if (this.stopped()) return; // stop() came while the request was out: its answer is dropped
    if (result.ok) {
      this.successes++;
      this.failures = 0;
      this.schedule('waiting', result.nextDelayMs);
      return;
    }
    this.failures++;
    this.noteError(result.kind, result.message);
    const delay = retryDelay(this.failures, this.o.backoff, this.o.random, result.retryAfterMs);
    if (result.retryable) this.schedule('backing-off', delay);
    else this.schedule('rejected', Math.max(delay, this.o.rejectedDelayMs()));
  }

  private stopped(): boolean {
    return this.state === 'stopped';
  }

  private schedule(state: PollState, delayMs: number): void {
    this.nextAt = this.o.clock.now() + delayMs;
    this.timer = this.o.clock.at(this.nextAt, () => void this.run());
    this.setState(state);
  }

  private setState(state: PollState): void {
    if (state === this.state) return;
    this.state = state;
    try {
      this.o.onState?.(state);
    } catch (e) {
      // A listener that throws must not break the schedule it is told about.
      this.noteError('consumer', `onState threw: ${(e as Error).message}`);
    }
  }
}
