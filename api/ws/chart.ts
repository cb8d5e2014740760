import type { CandleMsg, IndicatorsMsg, SymbolView } from '../../actors/symbol/index.ts';
import { address, AskFailedError, AskTimeoutError, type EngineHandle } from '../../engine/index.ts';
import { candleTopic, indicatorsTopic } from '../../market/topics.ts';
import { timeframeMs, type Timeframe } from '../../market/timeframes.ts';
import type { Socket } from './connection.ts';
import type { Hub } from './hub.ts';
import { CLOSE } from './protocol.ts';

export type ChartOpen = { ok: true } | { ok: false; code: number; reason: string };

/**
 * `/ws/chart/{symbol}?tf=`: the candles and indicators of one timeframe. The symbol actor's view
 * gives the forming candle and the indicator row of the last closed one; they are the snapshot
 * unless the hub already holds newer last values, then every candle and indicator update
 * follows as deltas. An actor that does not exist (no feed for a known instrument) or does not
 * build this timeframe is a 4404.
 */
export async function openChart(ws: Socket, symbol: string, tf: Timeframe, deps: { system: EngineHandle; hub: Hub; askTimeoutMs: number }): Promise<ChartOpen> {
  let view: SymbolView;
  try {
    view = await deps.system.ask<SymbolView>(address('symbol', symbol), { type: 'view' }, deps.askTimeoutMs);
  } catch (e) {
    if (e instanceof AskFailedError && e.message.includes('no such actor')) return { ok: false, code: CLOSE.notFound, reason: `no live data: ${symbol} is known, but no feed runs for it` };
    if (e instanceof AskTimeoutError) return { ok: false, code: CLOSE.tryAgain, reason: `${symbol} did not answer within ${deps.askTimeoutMs} ms; try again` };
    throw e;
  }
  if (!(tf in view.forming)) return { ok: false, code: CLOSE.notFound, reason: `${symbol} has no ${tf} candles (it has ${Object.keys(view.forming).join(', ')})` };
  if (!ws.data.open) return { ok: true };
  const candles = candleTopic(symbol, tf);
  const indicators = indicatorsTopic(symbol, tf);
  const seeds = new Map<string, CandleMsg | IndicatorsMsg>();
  const forming = view.forming[tf];
  if (forming) {
    seeds.set(candles, { type: 'candle', symbol, closed: false, candle: forming });
    const row = view.indicators[tf];
    // The view's row is the last closed candle's: the one before the forming one.
    if (row) seeds.set(indicators, { type: 'indicators', symbol, tf, openTime: forming.openTime - timeframeMs(tf), closed: true, values: row });
  }
  deps.hub.subscribe(ws, candles, seeds);
  deps.hub.subscribe(ws, indicators, seeds);
  return { ok: true };
}
