import type { MaxDrawdown } from '../../market/analytics/index.ts';
import type { Side } from '../../market/orders/index.ts';

/** One fill, as report.json lists it. */
export interface ReportFill {
  readonly time: number;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  readonly orderId: string;
  readonly clientOrderId: string;
}

/** A position opened and closed (or still open at the end, valued at the last close). */
export type { RoundTrip } from '../../market/analytics/index.ts';

export interface Metrics {
  readonly startValue: number;
  readonly finalValue: number;
  readonly totalReturn: number | null;
  readonly cagr: number | null;
  /** Annualised standard deviation of the period returns. */
  readonly volatility: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly maxDrawdown: MaxDrawdown | null;
  /** Closed round trips. */
  readonly trades: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  /** Share of the period a position was open. */
  readonly exposure: number | null;
  readonly fees: number;
}

export interface FinalPosition {
  readonly symbol: string;
  readonly qty: number;
  readonly avgEntryPrice: number;
  readonly lastClose: number;
  readonly marketValue: number;
  readonly unrealizedPnl: number;
}

/** Equity marked at each close of the sampling timeframe: `[time, value]`. */
export type Curve = readonly (readonly [number, number])[];
