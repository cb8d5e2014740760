/**
 * Test helpers: real bundled bars at any timeframe, resampled here by the plainest rule (a
 * bucket's first open, highest high, lowest low, last close, summed volume), and a driver that
 * plays candles through a runner with every market order filled at the next candle's open.
 */
import { bundledBars, crypto1m } from '../data/read.ts';
import type { Bar } from '../market/candles/candle.ts';
import { timeframeMs, type Timeframe } from '../market/timeframes.ts';
import { strategyConfigSchema, type StrategyConfigInput } from './config.ts';
import type { StrategyRunner } from './runner.ts';
import type { Signal } from './signal.ts';

export function resample(bars: readonly Bar[], tf: Timeframe): Bar[] {
  const ms = timeframeMs(tf);
  const out: Bar[] = [];
  for (const b of bars) {
    const openTime = b.openTime - (b.openTime % ms);
    const last = out[out.length - 1];
    if (last && last.openTime === openTime) {
      out[out.length - 1] = { openTime, open: last.open, high: Math.max(last.high, b.high), low: Math.min(last.low, b.low), close: b.close, volume: last.volume + b.volume };
    } else out.push({ openTime, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume });
  }
  return out;
}

/** The bundled April 2021 1m bars of a crypto pair, resampled to `tf`. */
export const cryptoBars = (symbol: string, tf: Timeframe): Bar[] => resample(bundledBars(crypto1m(symbol)), tf);

export const config = (c: Partial<StrategyConfigInput>) => strategyConfigSchema.parse({ id: 'test', accountId: 'acc', symbols: ['BTCUSDT'], timeframe: '1h', ...c });

/** A signal as the tests compare them. */
export const brief = (g: Signal) => ({ time: g.time, symbol: g.symbol, side: g.side, qty: g.qty });

/**
 * Plays the candles of one symbol and timeframe through `runner`; each signal's market order
 * fills in full at the next candle's open (the last candle's orders stay pending). Returns
 * every signal in order.
 */
export function play(runner: StrategyRunner, symbol: string, tf: Timeframe, bars: readonly Bar[]): Signal[] {
  const all: Signal[] = [];
  let waiting: Signal[] = [];
  for (const bar of bars) {
    for (const g of waiting) runner.fill({ symbol: g.symbol, side: g.side, qty: g.qty, price: bar.open, time: bar.openTime, clientOrderId: g.clientOrderId, reason: g.reason });
    const out = runner.candle({ symbol, tf, candle: bar, time: bar.openTime + timeframeMs(tf) });
    waiting = out.signals;
    all.push(...out.signals);
  }
  return all;
}

/**
 * Several streams (symbols, timeframes) merged as the market closes them: by close time, finer
 * timeframes first, then in the order given. A symbol's orders fill at the open of its next
 * candle of the decision timeframe.
 */
export function playMany(runner: StrategyRunner, streams: readonly { symbol: string; tf: Timeframe; bars: readonly Bar[] }[]): Signal[] {
  const events = streams.flatMap((s, order) => s.bars.map((bar) => ({ symbol: s.symbol, tf: s.tf, bar, time: bar.openTime + timeframeMs(s.tf), order })));
  events.sort((a, b) => a.time - b.time || timeframeMs(a.tf) - timeframeMs(b.tf) || a.order - b.order);
  const all: Signal[] = [];
  const waiting = new Map<string, Signal[]>();
  for (const e of events) {
    if (e.tf === runner.config.timeframe) {
      for (const g of waiting.get(e.symbol) ?? []) runner.fill({ symbol: g.symbol, side: g.side, qty: g.qty, price: e.bar.open, time: e.bar.openTime, clientOrderId: g.clientOrderId, reason: g.reason });
      waiting.set(e.symbol, []);
    }
    const out = runner.candle({ symbol: e.symbol, tf: e.tf, candle: e.bar, time: e.time });
    for (const g of out.signals) waiting.get(g.symbol)?.push(g) ?? waiting.set(g.symbol, [g]);
    all.push(...out.signals);
  }
  return all;
}
