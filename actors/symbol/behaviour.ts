import { behaviour, parseAddress, type ActorContext } from '../../engine/index.ts';
import { barPrints } from '../../feeds/bars.ts';
import type { Candle } from '../../market/candles/candle.ts';
import { timeframeMs } from '../../market/timeframes.ts';
import { readCandlesOnce, readForecastsOnce } from '../../storage/sqlite/index.ts';
import { symbolProps, symbolProtocol, type SymbolView } from './messages.ts';
import { EARLIEST } from './print-guard.ts';
import { SymbolState } from './state.ts';

/**
 * One actor per instrument, addressed `symbol/<SYMBOL>`. It checks every print, builds the
 * candles of every timeframe, updates their indicators once per closed candle (previewing the
 * forming one for listeners), keeps 24h statistics, notices gaps, and publishes ticks, candles
 * and indicator rows. Market state: its supervisor restarts it from its last snapshot.
 */
export const symbol = behaviour({
  kind: 'symbol',
  props: symbolProps,
  protocol: symbolProtocol,
  mailbox: { capacity: 100_000, overflow: 'drop-oldest' }, // a stale print is worth less than a fresh one
  onFailure: 'restart',
  init: (props, ctx) => warm(withRefs(new SymbolState(props), ctx)),
  handlers: {
    print: (s, m, ctx) => onPrint(s, m.time, m.price, m.qty, ctx),
    view: (s, _m, ctx) => ctx.reply(view(s)),
  },
  // What the forecaster missed while this symbol was down (see warm).
  onStart: (s, ctx) => {
    for (const msg of s.resend) ctx.tell(s.forecaster!, msg);
    s.resend = [];
  },
  snapshot: (s) => s.snapshot(),
  // A snapshot carries six indicator sets (~20 KB): every 240 prints, an hour of replayed 1m bars.
  snapshotEvery: 240,
  restore: (snap, props, ctx) => withRefs(SymbolState.restore(props, snap as ReturnType<SymbolState['snapshot']>), ctx),
});

/**
 * One print through the guard, the gap detector, the candles and their indicators. Without a
 * context (warming from history) nothing is published or stored: it all happened before.
 */
function onPrint(s: SymbolState, time: number, price: number, qty: number, ctx: ActorContext | null): void {
  if (s.guard.check(time, price, qty) !== null) return;
  const gap = s.props.gaps ? s.gaps.see(time) : null;
  if (gap) {
    s.gapCount++;
    ctx?.publish(s.topics.gap, { type: 'gap', symbol: s.props.symbol, ...gap });
  }
  for (const c of s.candles.addPrint(time, price, qty)) closed(s, c, ctx);
  if (!ctx) return;
  const sym = s.props.symbol;
  if (ctx.hasSubscribers(s.topics.tick)) ctx.publish(s.topics.tick, { type: 'tick', symbol: sym, time, price, qty });
  for (const tf of s.props.timeframes) {
    const candleTopic = s.topics.candle[tf];
    const indicatorsTopic = s.topics.indicators[tf];
    if (!ctx.hasSubscribers(candleTopic) && !ctx.hasSubscribers(indicatorsTopic)) continue;
    const forming = s.candles.forming(tf)!;
    ctx.publish(candleTopic, { type: 'candle', symbol: sym, closed: false, candle: forming });
    const values = s.indicators[tf].preview(forming);
    ctx.publish(indicatorsTopic, { type: 'indicators', symbol: sym, tf, openTime: forming.openTime, closed: false, values });
  }
}

/** A candle closed: the indicators of its timeframe take it (O(1)), and both are published. */
function closed(s: SymbolState, c: Candle, ctx: ActorContext | null): void {
  if (c.tf === s.dayTf) s.day.add(c);
  const values = s.indicators[c.tf].update(c);
  s.rows[c.tf] = values;
  if (s.features && c.tf === s.props.forecast?.tf) toForecaster(s, c, ctx);
  if (!ctx) return;
  ctx.publish(s.topics.candle[c.tf], { type: 'candle', symbol: s.props.symbol, closed: true, candle: c });
  if (s.store) ctx.tell(s.store, { type: 'candle', symbol: s.props.symbol, ...c });
  if (c.tf === s.finest && ctx.hasSubscribers(s.topics.stats)) {
    // Daily data: the day that just closed; finer data: the 24h up to now, the forming hour included.
    const day = s.day.stats(s.dayTf === s.finest ? null : s.candles.forming(s.dayTf));
    if (day) ctx.publish(s.topics.stats, { type: 'stats', symbol: s.props.symbol, time: c.openTime + timeframeMs(c.tf), last: c.close, changePct: day.changePct, volume: day.volume, high: day.high, low: day.low });
  }
  ctx.publish(s.topics.indicators[c.tf], { type: 'indicators', symbol: s.props.symbol, tf: c.tf, openTime: c.openTime, closed: true, values });
}

/**
 * The close and feature row of a forecast-timeframe candle, for the forecaster. While warming
 * (no context) the message is kept to resend when the candle is newer than `resendAfter`.
 */
function toForecaster(s: SymbolState, c: Candle, ctx: ActorContext | null): void {
  const complete = s.features!.update(c, s.featureRow);
  if (!ctx && (s.resendAfter === null || c.openTime <= s.resendAfter)) return;
  const { symbol, assetClass } = s.props;
  const msg = { type: 'closed', symbol, assetClass, tf: c.tf, openTime: c.openTime, close: c.close, features: complete ? Array.from(s.featureRow) : null };
  if (ctx) ctx.tell(s.forecaster!, msg);
  else s.resend.push(msg);
}

/**
 * Replays the stored candles of the finest timeframe as the four prints a replayed bar is made
 * of (feeds/replay), so a symbol warmed from the candles a replay stored is exactly the symbol
 * that stored them.
 */
function warm(s: SymbolState): SymbolState {
  const from = s.props.warmFrom;
  if (!from) return s;
  const barMs = timeframeMs(s.finest);
  const stored = readCandlesOnce(from.db, (store) => store.candles(s.props.symbol, s.finest, { limit: from.bars }), []);
  // The forecaster stores each forecast and outcome as it makes it; what a crash kept it from
  // making lies after this point, and is resent once the actor starts (closes it has seen are
  // scored again and ignored: a stored forecast is never replaced).
  const tf = s.props.forecast?.tf;
  s.resendAfter = tf ? readForecastsOnce(from.db, (store) => store.resumePoint(s.props.symbol, tf), null) : null;
  for (const bar of stored) {
    for (const p of barPrints(bar, barMs)) onPrint(s, p.time, p.price, p.qty, null);
  }
  return s;
}

function withRefs(s: SymbolState, ctx: ActorContext): SymbolState {
  if (s.props.store) s.store = ctx.ref(parseAddress(s.props.store));
  if (s.props.forecast) s.forecaster = ctx.ref(parseAddress(s.props.forecast.to));
  return s;
}

function view(s: SymbolState): SymbolView {
  const g = s.guard.getState();
  return {
    symbol: s.props.symbol,
    last: g.last || null,
    time: g.lastTime === EARLIEST ? null : g.lastTime,
    day: s.day.stats(s.candles.forming(s.dayTf)),
    forming: Object.fromEntries(s.props.timeframes.map((tf) => [tf, s.candles.forming(tf)])),
    dropped: g.dropped,
    gaps: s.gapCount,
    indicators: structuredClone(s.rows),
  };
}
