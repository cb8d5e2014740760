import { round8 } from '../../market/orders/index.ts';
import { timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import type { Series } from '../data/load.ts';
import { buyAndHold, equityCurve, marksOf } from './equity.ts';
import { metricsOf } from './metrics.ts';
import { roundTrips } from './trips.ts';
import type { Curve, FinalPosition, Metrics, ReportFill, RoundTrip } from './types.ts';

export interface ReportInput {
  readonly name: string;
  readonly description?: string | undefined;
  readonly series: readonly Series[];
  /** Where each symbol's bars came from, as the report names it (a file's name, a store, bundled). */
  readonly sources: Readonly<Record<string, string>>;
  readonly strategies: readonly { readonly id: string; readonly kind: string; readonly symbols: readonly string[]; readonly timeframe: Timeframe; readonly params: unknown }[];
  readonly account: { readonly id: string; readonly openingCash: number; readonly commissionPct: number; readonly slippageBps: number };
  /** The account's fills in the order it made them. */
  readonly fills: readonly ReportFill[];
  /** Orders the account refused, with the reason. */
  readonly rejected: readonly { readonly time: number; readonly symbol: string; readonly clientOrderId: string; readonly code: string; readonly message: string }[];
  /** What the account holds at the end: its own figures, which the report checks its arithmetic against. */
  readonly held: { readonly cash: number; readonly positions: readonly { readonly symbol: string; readonly qty: number; readonly avgEntryPrice: number }[] };
  readonly every: Timeframe;
  readonly periodsPerYear: number;
  readonly riskFreeRate: number;
}

export interface Report {
  readonly name: string;
  readonly description: string | null;
  readonly period: { readonly from: string; readonly to: string; readonly barTf: Timeframe; readonly every: Timeframe; readonly periodsPerYear: number; readonly riskFreeRate: number };
  readonly data: readonly { readonly symbol: string; readonly source: string; readonly bars: number; readonly first: string; readonly last: string }[];
  readonly rules: { readonly fills: string; readonly valuation: string };
  readonly strategies: ReportInput['strategies'];
  readonly account: ReportInput['account'];
  readonly final: { readonly cash: number; readonly positions: readonly FinalPosition[]; readonly value: number };
  readonly metrics: Metrics;
  readonly benchmark: { readonly kind: 'buy-and-hold'; readonly symbols: readonly string[]; readonly final: { readonly value: number }; readonly metrics: Metrics };
  /** Orders the account refused (its risk checks), with the reason. */
  readonly rejected: readonly (Omit<ReportInput['rejected'][number], 'time'> & { readonly time: string })[];
  readonly fills: readonly (Omit<ReportFill, 'time'> & { readonly time: string })[];
  readonly roundTrips: readonly (Omit<RoundTrip, 'entryTime' | 'exitTime'> & { readonly entryTime: string; readonly exitTime: string | null })[];
  /** `[epoch ms, value]` at each mark. */
  readonly equity: Curve;
  readonly benchmarkEquity: Curve;
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * report.json's content. Everything in it follows from the data, the config and the account's
 * fills: no wall time, no worker count, no path that differs between machines, so the same run
 * gives the same bytes. The account's own cash is the truth; the curve recomputes it from the
 * fills and must agree, or the report refuses to be written.
 */
export function buildReport(input: ReportInput): Report {
  const { series, account } = input;
  const barMs = timeframeMs(series[0]!.tf);
  const marks = marksOf(series, input.every);
  const lastClose = (symbol: string) => series.find((s) => s.symbol === symbol)!.bars.at(-1)!.close;
  const fills = [...input.fills];
  const { curve, cash } = equityCurve(marks, fills, account.openingCash);
  if (cash !== input.held.cash) throw new Error(`the fills do not add up to the account's cash: ${cash} from the fills, ${input.held.cash} in the account`);

  const positions: FinalPosition[] = input.held.positions.map((p) => {
    const close = lastClose(p.symbol);
    const marketValue = round8(p.qty * close);
    return { symbol: p.symbol, qty: p.qty, avgEntryPrice: p.avgEntryPrice, lastClose: close, marketValue, unrealizedPnl: round8(marketValue - p.qty * p.avgEntryPrice) };
  });
  const value = round8(input.held.cash + positions.reduce((a, p) => a + p.marketValue, 0));
  const trips = roundTrips(fills, lastClose);
  const fees = round8(fills.reduce((a, f) => a + f.fee, 0));
  const options = { periodsPerYear: input.periodsPerYear, riskFreeRate: input.riskFreeRate };
  const traded = [...new Set(input.strategies.flatMap((s) => s.symbols))].sort();
  const bench = buyAndHold(marks, traded, account.openingCash, account.commissionPct);
  const benchFees = round8(bench.fills.reduce((a, f) => a + f.fee, 0));
  const benchTrips = roundTrips(bench.fills, lastClose);

  return {
    name: input.name,
    description: input.description ?? null,
    period: {
      from: iso(Math.min(...series.map((s) => s.bars[0]!.openTime))),
      to: iso(Math.max(...series.map((s) => s.bars.at(-1)!.openTime + barMs))),
      barTf: series[0]!.tf,
      every: input.every,
      periodsPerYear: input.periodsPerYear,
      riskFreeRate: input.riskFreeRate,
    },
    data: series.map((s) => ({ symbol: s.symbol, source: input.sources[s.symbol] ?? 'unknown', bars: s.bars.length, first: iso(s.bars[0]!.openTime), last: iso(s.bars.at(-1)!.openTime) })),
    rules: {
      fills: "an order decided on a bar's close fills at the next bar's open: the print that revealed the close",
      valuation: 'positions open at the end are valued at the last close',
    },
    strategies: input.strategies,
    account,
    final: { cash: input.held.cash, positions, value },
    metrics: { ...metricsOf(curve, trips, fees, options), finalValue: value },
    benchmark: { kind: 'buy-and-hold', symbols: traded, final: { value: bench.curve.at(-1)![1] }, metrics: metricsOf(bench.curve, benchTrips, benchFees, options) },
    rejected: input.rejected.map((r) => ({ ...r, time: iso(r.time) })),
    fills: fills.map((f) => ({ ...f, time: iso(f.time) })),
    roundTrips: trips.map((t) => ({ ...t, entryTime: iso(t.entryTime), exitTime: t.exitTime === null ? null : iso(t.exitTime) })),
    equity: curve,
    benchmarkEquity: bench.curve,
  };
}
