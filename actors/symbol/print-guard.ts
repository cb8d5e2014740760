/**
 * Decides whether a print is believable before it touches any candle. Rejections are counted
 * per reason, never thrown: a bad print from a venue must not crash the symbol.
 *
 * "Out of band" is a move beyond `bandPct` from the last accepted price. Real markets do jump,
 * so `reanchorAfter` consecutive out-of-band prints that agree with each other (within the band)
 * are taken as the new level and accepted from then on.
 */
export type DropReason = 'not-finite' | 'non-positive' | 'out-of-order' | 'out-of-band';

export interface GuardState {
  last: number;
  lastTime: number;
  pending: number;
  pendingCount: number;
  dropped: Record<DropReason, number>;
}

/** The earliest time a Date can hold: "no print yet", so history from before 1970 is in order. */
export const EARLIEST = -8.64e15;

export class PrintGuard {
  private s: GuardState;

  constructor(
    private readonly bandPct = 20,
    private readonly reanchorAfter = 3,
    state?: GuardState,
    /** Drop prices at or below zero (prices); off for series that may go there (rates, spreads). */
    private readonly positiveOnly = true,
  ) {
    this.s = state ? structuredClone(state) : { last: 0, lastTime: EARLIEST, pending: 0, pendingCount: 0, dropped: { 'not-finite': 0, 'non-positive': 0, 'out-of-order': 0, 'out-of-band': 0 } };
  }

  /** The reason to drop this print, or null to accept it. */
  check(time: number, price: number, qty: number): DropReason | null {
    const s = this.s;
    const reason = this.judge(time, price, qty);
    if (reason) {
      s.dropped[reason]++;
      return reason;
    }
    s.last = price;
    s.lastTime = time;
    s.pendingCount = 0;
    return null;
  }

  get dropped(): Readonly<Record<DropReason, number>> {
    return this.s.dropped;
  }

  getState(): GuardState {
    return structuredClone(this.s);
  }

  private judge(time: number, price: number, qty: number): DropReason | null {
    const s = this.s;
    if (!Number.isFinite(time) || !Number.isFinite(price) || !Number.isFinite(qty)) return 'not-finite';
    if ((this.positiveOnly && price <= 0) || qty < 0) return 'non-positive';
    if (time < s.lastTime) return 'out-of-order';
    if (s.last === 0 || Math.abs(price - s.last) <= (Math.abs(s.last) * this.bandPct) / 100) return null;
    // Out of band: does it confirm a level that earlier out-of-band prints already showed?
    const agrees = s.pendingCount > 0 && Math.abs(price - s.pending) <= (Math.abs(s.pending) * this.bandPct) / 100;
    s.pending = price;
    s.pendingCount = agrees ? s.pendingCount + 1 : 1;
    return s.pendingCount >= this.reanchorAfter ? null : 'out-of-band';
  }
}
