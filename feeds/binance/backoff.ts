/**
 * Reconnect delays: exponential growth with "full jitter" (a uniform draw between 0 and the
 * exponential ceiling). Jitter spreads the reconnects of many clients dropped at once (a venue
 * restart), so they do not all come back in the same millisecond.
 */
export interface BackoffPolicy {
  /** The ceiling of the first retry, ms. */
  readonly baseMs: number;
  /** No delay is ever longer than this, ms. */
  readonly capMs: number;
  /** How much the ceiling grows per failed attempt. */
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000, factor: 2 };

/** The largest delay for `attempt` (0 for the first retry): min(cap, base × factor^attempt). */
export function ceiling(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Math.max(0, Math.floor(attempt));
  // factor^n overflows to Infinity for large n, which min() turns into the cap.
  return Math.min(policy.capMs, policy.baseMs * policy.factor ** n);
}

/**
 * The delay before retry number `attempt`, in [0, ceiling]. Pure: the randomness is injected
 * (`random()` in [0, 1)), so replays and tests draw the same delays.
 */
export function delay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0; // a misbehaving source cannot push past the cap
  return Math.floor(unit * ceiling(attempt, policy));
}
