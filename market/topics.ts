import { topic, type Topic } from '../engine/names.ts';
import type { InstrumentClass } from './instruments/index.ts';
import type { Timeframe } from './timeframes.ts';

/**
 * Every market topic name, built here and nowhere else:
 * - `tick.BTCUSDT`: each accepted print;
 * - `candle.BTCUSDT.1m`: the forming candle on updates and the closed one on close;
 * - `indicators.BTCUSDT.1m`: the indicator row of each closed (and previewed forming) candle;
 * - `gap.BTCUSDT`: a run of minutes with no data (a venue halt), reported, never filled;
 * - `stats.crypto.BTCUSDT`: last price and 24h figures, once per closed minute (for summaries);
 * - `feed.binance`: a venue feed's connection state, on every change;
 * - `trade.acc_1`: a paper account's trade updates (new, fill, canceled, ...), Alpaca's trade_updates;
 * - `forecast.BTCUSDT.1h`: a model's forecast, made at each close of that timeframe's candle;
 * - `outcome.BTCUSDT.1h`: a forecast scored once its target time passed, with the rolling accuracy.
 */
export const tickTopic = (symbol: string): Topic => topic('tick', symbol);
export const candleTopic = (symbol: string, tf: Timeframe): Topic => topic('candle', symbol, tf);
export const indicatorsTopic = (symbol: string, tf: Timeframe): Topic => topic('indicators', symbol, tf);
export const gapTopic = (symbol: string): Topic => topic('gap', symbol);
export const statsTopic = (cls: InstrumentClass, symbol: string): Topic => topic('stats', cls, symbol);
export const feedTopic = (name: string): Topic => topic('feed', name);
export const tradeTopic = (accountId: string): Topic => topic('trade', accountId);
export const forecastTopic = (symbol: string, tf: Timeframe): Topic => topic('forecast', symbol, tf);
export const outcomeTopic = (symbol: string, tf: Timeframe): Topic => topic('outcome', symbol, tf);
