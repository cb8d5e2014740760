import { forecastTimeframe } from '../../actors/market.ts';
import type { Instrument } from '../../market/instruments/index.ts';
import { forecastTopic, outcomeTopic } from '../../market/topics.ts';
import { forecastBody, trendsBody } from '../forecasts/bodies.ts';
import type { CandleHistory } from '../routes/history.ts';
import type { Socket } from './connection.ts';
import type { Hub } from './hub.ts';
import { CLOSE } from './protocol.ts';

export type ModelOpen = { ok: true } | { ok: false; code: number; reason: string };

/** How many forecasts and outcomes a trends snapshot carries, and over how many its figures are. */
const TRENDS = { window: 100, limit: 200 };
const CANDLES = 48;

/**
 * `/ws/asset/{symbol}/forecast` and `/trends`: the REST answer as the snapshot (the forecast with
 * its chart; the accuracy, its trend and the prediction-vs-outcome history), then every new
 * forecast (`forecast` messages) or scored outcome (`outcome` messages, with the rolling accuracy)
 * as deltas. Before the first forecast the snapshot is null. A macro series is a 4404: no model
 * forecasts them.
 */
export function openModelStream(ws: Socket, instrument: Instrument, model: 'forecast' | 'trends', deps: { hub: Hub; history: CandleHistory }): ModelOpen {
  const { symbol } = instrument;
  const tf = forecastTimeframe(instrument.class);
  if (!tf) return { ok: false, code: CLOSE.notFound, reason: `${symbol} is a ${instrument.class} series; no model forecasts them` };
  if (model === 'forecast') deps.hub.subscribeWithPicture(ws, forecastTopic(symbol, tf), forecastBody(deps.history, symbol, tf, CANDLES));
  else deps.hub.subscribeWithPicture(ws, outcomeTopic(symbol, tf), trendsBody(deps.history, symbol, tf, TRENDS));
  return { ok: true };
}
