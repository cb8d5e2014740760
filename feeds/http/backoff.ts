/** How a poller spaces its retries after failures. */
export interface BackoffPolicy {
  /** The first retry waits between half of this and this. */
  readonly baseMs: number;
  /** No retry waits longer (a Retry-After header may ask for more, up to MAX_RETRY_AFTER_MS). */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** A Retry-After beyond this is taken as this: a misbehaving proxy must not park a feed for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Exponential backoff with "equal jitter": after the n-th consecutive failure, a delay drawn
 * between half and all of min(max, base·2^(n-1)). The jitter spreads pollers that failed
 * together (one outage, one rate limit) so they do not come back in lockstep; the fixed half
 * keeps a retry from ever being immediate.
 */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}

/** The wait before the next attempt: the backoff, but never less than the server asked for. */
export const retryDelay = (failures: number, policy: BackoffPolicy, random: () => number, retryAfterMs: number | null): number =>
  Math.max(backoffDelay(failures, policy, random), retryAfterMs ?? 0);

/** Statuses worth retrying soon: the server is busy, limiting us, or broken. Other 4xx will not fix themselves. */
export const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;
