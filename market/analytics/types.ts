/** One mark of an account's value (cash + positions at market), epoch ms. */
export interface EquityPoint {
  readonly time: number;
  readonly equity: number;
}

/** A round trip: a position opened and closed. */
export interface ClosedTrade {
  readonly symbol: string;
  readonly entryTime: number;
  readonly exitTime: number;
  /** Realised profit or loss, after fees. */
  readonly pnl: number;
  /** Fees paid on the way in and out (already inside `pnl`). */
  readonly fees: number;
}

/** A value that is not a finite number is reported as null, never as NaN or Infinity. */
export const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
