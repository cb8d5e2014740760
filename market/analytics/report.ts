import { maxDrawdown, type MaxDrawdown } from './drawdown.ts';
import { sharpe, sortino, type RatioOptions } from './ratios.ts';
import { periodReturns, totalReturn } from './returns.ts';
import { exposure, feesPaid, profitFactor, winRate } from './trades.ts';
import type { ClosedTrade, EquityPoint } from './types.ts';

export interface ReportInput extends RatioOptions {
  /** Equity marks in time order, one per period of `periodsPerYear`. */
  readonly equity: readonly EquityPoint[];
  readonly trades: readonly ClosedTrade[];
  /** When a position still open at the end was opened (it counts toward exposure); null if flat. */
  readonly openPositionSince?: number | null;
}

export interface AccountReport {
  readonly start: number | null;
  readonly end: number | null;
  readonly totalReturn: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly maxDrawdown: MaxDrawdown | null;
  readonly trades: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  readonly exposure: number | null;
  readonly feesPaid: number;
}

/** Every figure of an account's report; each is null where it has no value, never NaN or Infinity. */
export function accountReport(input: ReportInput): AccountReport {
  const { equity, trades } = input;
  const start = equity[0]?.time ?? null;
  const end = equity.at(-1)?.time ?? null;
  const returns = periodReturns(equity);
  const intervals = trades.map((t) => ({ start: t.entryTime, end: t.exitTime }));
  if (input.openPositionSince != null && end !== null) intervals.push({ start: input.openPositionSince, end });
  return {
    start,
    end,
    totalReturn: totalReturn(equity),
    sharpe: returns && sharpe(returns, input),
    sortino: returns && sortino(returns, input),
    maxDrawdown: maxDrawdown(equity),
    trades: trades.length,
    winRate: winRate(trades),
    profitFactor: profitFactor(trades),
    exposure: start === null || end === null ? null : exposure(intervals, start, end),
    feesPaid: feesPaid(trades),
  };
}
