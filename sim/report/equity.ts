import { round8 } from '../../market/orders/index.ts';
import { timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import type { Series } from '../data/load.ts';
import { resample } from '../data/resample.ts';
import type { Curve, ReportFill } from './types.ts';

/** Each symbol's close at each mark time of the report's timeframe, the previous close carried over a bucket without bars. */
export interface Marks {
  readonly times: readonly number[];
  /** The close of each symbol at each time (undefined before its first bar). */
  readonly closes: ReadonlyMap<string, readonly (number | undefined)[]>;
  /** The first bar's open of each symbol: where a buy and hold buys. */
  readonly firstOpen: ReadonlyMap<string, { time: number; price: number }>;
  readonly start: number;
}

/**
 * The times equity is marked at: the start of the first bar, then each close of `every` (a
 * bucket's end; the last, partial bucket at the end of its last bar), over every symbol's buckets.
 */
export function marksOf(series: readonly Series[], every: Timeframe): Marks {
  const everyMs = timeframeMs(every);
  const barMs = timeframeMs(series[0]!.tf);
  const lastEnd = Math.max(...series.map((s) => s.bars.at(-1)!.openTime + barMs));
  const byTime = new Map<number, Map<string, number>>();
  for (const s of series) {
    for (const b of resample(s.bars, every)) {
      const end = Math.min(b.openTime + everyMs, lastEnd);
      let row = byTime.get(end);
      if (!row) byTime.set(end, (row = new Map()));
      row.set(s.symbol, b.close);
    }
  }
  const start = Math.min(...series.map((s) => s.bars[0]!.openTime));
  const times = [start, ...[...byTime.keys()].sort((a, b) => a - b)];
  const closes = new Map<string, (number | undefined)[]>();
  for (const s of series) {
    // At the start mark, a symbol that opens there is worth its first open.
    let last: number | undefined = s.bars[0]!.openTime === start ? s.bars[0]!.open : undefined;
    closes.set(
      s.symbol,
      times.map((t) => (last = byTime.get(t)?.get(s.symbol) ?? last)),
    );
  }
  const firstOpen = new Map(series.map((s) => [s.symbol, { time: s.bars[0]!.openTime, price: s.bars[0]!.open }]));
  return { times, closes, firstOpen, start };
}

/**
 * Cash plus positions at the closes, at every mark: fills strictly before a mark count in it (a
 * fill at a bar's open belongs to that bar, not to the close before it). Cash moves as the
 * account moves it (notional and fee, rounded to 1e-8 at each fill), so the last point's cash is
 * the account's.
 */
export function equityCurve(marks: Marks, fills: readonly ReportFill[], openingCash: number): { curve: Curve; cash: number; positions: Map<string, number> } {
  let cash = openingCash;
  const positions = new Map<string, number>();
  const curve: [number, number][] = [];
  let next = 0;
  marks.times.forEach((t, i) => {
    for (; next < fills.length && fills[next]!.time < t; next++) {
      const f = fills[next]!;
      const notional = f.qty * f.price;
      cash = round8(cash + (f.side === 'buy' ? -notional : notional) - f.fee);
      positions.set(f.symbol, round8((positions.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty)));
    }
    curve.push([t, round8(valueAt(marks, i, cash, positions))]);
  });
  // Fills at or after the last mark (an order filled at the very last print) still count in the final cash.
  for (; next < fills.length; next++) {
    const f = fills[next]!;
    const notional = f.qty * f.price;
    cash = round8(cash + (f.side === 'buy' ? -notional : notional) - f.fee);
    positions.set(f.symbol, round8((positions.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty)));
  }
  return { curve, cash, positions };
}

function valueAt(marks: Marks, i: number, cash: number, positions: ReadonlyMap<string, number>): number {
  let value = cash;
  for (const [symbol, qty] of positions) {
    if (qty === 0) continue;
    const close = marks.closes.get(symbol)?.[i];
    if (close === undefined) throw new Error(`a position in ${symbol} before its first bar`);
    value += qty * close;
  }
  return value;
}

/**
 * Buy and hold: the opening cash split evenly between `symbols`, each bought at its first bar's
 * open with the same commission and never sold, marked at the same closes.
 */
export function buyAndHold(marks: Marks, symbols: readonly string[], openingCash: number, commissionPct: number): { curve: Curve; fills: ReportFill[] } {
  const fills: ReportFill[] = [];
  const share = openingCash / symbols.length;
  for (const symbol of symbols) {
    const { time, price } = marks.firstOpen.get(symbol)!;
    const qty = Math.floor((share / (price * (1 + commissionPct / 100))) * 1e8) / 1e8;
    fills.push({ time, symbol, side: 'buy', qty, price, fee: round8((qty * price * commissionPct) / 100), orderId: 'buy-and-hold', clientOrderId: 'buy-and-hold' });
  }
  fills.sort((a, b) => a.time - b.time || (a.symbol < b.symbol ? -1 : 1));
  // Bought at a bar's open: the mark at that open already holds them.
  const atOpen = fills.map((f) => ({ ...f, time: f.time - 1 }));
  return { curve: equityCurve(marks, atOpen, openingCash).curve, fills };
}
