import type { Clock } from '../../engine/clock/clock.ts';
import { isRetryableStatus, parseRetryAfter } from './backoff.ts';
import type { AttemptResult } from './poll-loop.ts';

/** The part of `fetch` the pollers use; injected so tests and replays choose what answers. */
export type FetchLike = (url: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<Response>;

export type HttpOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly body: string; readonly retryAfterMs: number | null }
  /** No HTTP answer: refused, reset, timed out, or aborted by the caller. */
  | { readonly kind: 'network'; readonly message: string };

/**
 * One GET, bounded by `timeoutMs` on the injected clock (so a simulated clock decides when a
 * request is abandoned, as it decides everything else) and abortable through `abort`. Never
 * throws: every way it can go wrong comes back as an outcome the poller counts.
 */
export async function httpGet(
  fetchFn: FetchLike,
  url: string,
  clock: Clock,
  timeoutMs: number,
  abort: AbortController,
  headers: Record<string, string> = {},
): Promise<HttpOutcome> {
  let timedOut = false;
  const timer = clock.at(clock.now() + timeoutMs, () => {
    timedOut = true;
    abort.abort();
  });
  try {
    const response = await fetchFn(url, { signal: abort.signal, headers: { accept: 'application/json', ...headers } });
    const body = await response.text();
    return { kind: 'response', status: response.status, body, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), clock.now()) };
  } catch (e) {
    return { kind: 'network', message: timedOut ? `no answer within ${timeoutMs} ms` : (e as Error).message };
  } finally {
    clock.cancel(timer);
  }
}

/**
 * A request that did not give a usable 2xx, as a poll failure: its kind (the status, or
 * 'network'), a one-line message (with the venue's own explanation when `explain` finds one in
 * the body), and whether retrying soon makes sense.
 */
export function failureOf(outcome: HttpOutcome, explain: (body: string) => string | null): Extract<AttemptResult, { ok: false }> {
  if (outcome.kind === 'network') return { ok: false, kind: 'network', message: outcome.message, retryable: true, retryAfterMs: null };
  const detail = explain(outcome.body);
  return {
    ok: false,
    kind: String(outcome.status),
    message: `HTTP ${outcome.status}${detail ? `: ${detail}` : ''}`,
    retryable: isRetryableStatus(outcome.status),
    retryAfterMs: outcome.retryAfterMs,
  };
}
