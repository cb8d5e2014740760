// Account analytics from an equity series and closed trades. Pure; every figure is a number or null.
export { accountReport, type AccountReport, type ReportInput } from './report.ts';
export { drawdownSeries, maxDrawdown, type DrawdownPoint, type MaxDrawdown } from './drawdown.ts';
export { sharpe, sortino, type RatioOptions } from './ratios.ts';
export { periodReturns, totalReturn } from './returns.ts';
export { exposure, feesPaid, profitFactor, winRate } from './trades.ts';
export { roundTrips, type ClosedRoundTrip, type RoundTrip, type RoundTrips, type TradeFill } from './round-trips.ts';
export type { ClosedTrade, EquityPoint } from './types.ts';
