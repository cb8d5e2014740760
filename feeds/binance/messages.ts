import type { Bar } from '../../market/candles/candle.ts';
import { barProblem } from '../csv/bar.ts';
import { firstIssue } from './fields.ts';
import { aggTradePayload, bookTickerPayload, combinedEnvelope, depthPayload, klinePayload, tradePayload } from './payloads.ts';
import { parseStreamName, type ParsedStream, type StreamKind } from './streams.ts';

/** A trade print; `time` is when it traded (`T`). Both `trade` and `aggTrade` streams give these. */
export interface TradeEvent { kind: 'trade'; symbol: string; time: number; price: number; qty: number }
/** The current bar of a kline stream; it is sent on every change, `closed` on its last update. */
export interface KlineEvent { kind: 'kline'; symbol: string; interval: string; bar: Bar; closed: boolean }
export interface BookTickerEvent { kind: 'bookTicker'; symbol: string; updateId: number; bid: number; bidQty: number; ask: number; askQty: number }
/** Changed levels as [price, qty]; qty 0 removes the level. */
export interface DepthEvent { kind: 'depth'; symbol: string; time: number; firstUpdateId: number; finalUpdateId: number; bids: [number, number][]; asks: [number, number][] }
export type BinanceEvent = TradeEvent | KlineEvent | BookTickerEvent | DepthEvent;

export type FrameDropReason = 'too-large' | 'bad-json' | 'bad-envelope' | 'unknown-stream' | 'bad-payload' | 'stream-mismatch' | 'bad-bar';
export type FrameResult = { ok: true; event: BinanceEvent } | { ok: false; reason: FrameDropReason; detail: string };

/** Binance frames are a few hundred bytes (a full depth diff a few KB); 1 MiB is no market data. */
export const MAX_FRAME_CHARS = 1 << 20;

const fail = (reason: FrameDropReason, detail: string): FrameResult => ({ ok: false, reason, detail });

/** Raw (single-stream) payloads say what they are in `e`; combined ones are named by their stream. */
const KIND_OF_EVENT: Record<string, StreamKind> = { trade: 'trade', aggTrade: 'aggTrade', kline: 'kline', depthUpdate: 'depth' };

/**
 * One WebSocket text frame → a normalised event, or the reason it was refused. Accepts the
 * combined-stream envelope `{stream, data}` (what the connection uses) and raw payloads that
 * carry `e`. Never throws: a venue's bytes are input, and a bad frame must not stop a feed.
 */
export function parseFrame(text: string, maxChars = MAX_FRAME_CHARS): FrameResult {
  // Refused before JSON.parse, which would allocate the whole tree first.
  if (text.length > maxChars) return fail('too-large', `frame of ${text.length} characters, limit ${maxChars}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // Every Binance frame is one object: one that opens but never closes was cut short.
    const what = /^\s*\{/.test(text) && !/\}\s*$/.test(text) ? 'truncated JSON' : 'invalid JSON';
    return fail('bad-json', `${what} (${(e as Error).message}) in a frame of ${text.length} characters`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('bad-envelope', `frame: expected an object, got ${Array.isArray(json) ? 'an array' : typeof json}`);
  if ('stream' in json) {
    const env = combinedEnvelope.safeParse(json);
    if (!env.success) return fail('bad-envelope', firstIssue('frame', env.error));
    const stream = parseStreamName(env.data.stream);
    if (!stream) return fail('unknown-stream', `unknown stream ${JSON.stringify(env.data.stream)}`);
    return payload(stream.kind, env.data.data, 'data', stream);
  }
  const e = (json as { e?: unknown }).e;
  const kind = typeof e === 'string' ? KIND_OF_EVENT[e] : undefined;
  if (!kind) return fail('unknown-stream', `no stream name and unknown event type e=${JSON.stringify(e)}`);
  return payload(kind, json, 'frame', null);
}

function payload(kind: StreamKind, data: unknown, root: string, stream: ParsedStream | null): FrameResult {
  const event = normalise(kind, data, root);
  if (typeof event === 'string') return fail('bad-payload', event);
  if (stream && event.symbol.toLowerCase() !== stream.symbol) return fail('stream-mismatch', `stream is for ${stream.symbol}, payload for ${event.symbol}`);
  if (event.kind === 'kline') {
    if (stream && event.interval !== stream.interval) return fail('stream-mismatch', `stream is kline_${stream.interval}, payload interval ${event.interval}`);
    const problem = barProblem(event.bar);
    if (problem) return fail('bad-bar', `${event.symbol} kline at ${event.bar.openTime}: ${problem}`);
  }
  return { ok: true, event };
}

/** The payload checked against its schema and reshaped, or where it is wrong. */
function normalise(kind: StreamKind, data: unknown, root: string): BinanceEvent | string {
  switch (kind) {
    case 'trade':
    case 'aggTrade': {
      const r = (kind === 'trade' ? tradePayload : aggTradePayload).safeParse(data);
      if (!r.success) return firstIssue(root, r.error);
      return { kind: 'trade', symbol: r.data.s, time: r.data.T, price: r.data.p, qty: r.data.q };
    }
    case 'kline': {
      const r = klinePayload.safeParse(data);
      if (!r.success) return firstIssue(root, r.error);
      const k = r.data.k;
      const bar: Bar = { openTime: k.t, open: k.o, high: k.h, low: k.l, close: k.c, volume: k.v };
      return { kind: 'kline', symbol: r.data.s, interval: k.i, bar, closed: k.x };
    }
    case 'bookTicker': {
      const r = bookTickerPayload.safeParse(data);
      if (!r.success) return firstIssue(root, r.error);
      const d = r.data;
      return { kind: 'bookTicker', symbol: d.s, updateId: d.u, bid: d.b, bidQty: d.B, ask: d.a, askQty: d.A };
    }
    case 'depth': {
      const r = depthPayload.safeParse(data);
      if (!r.success) return firstIssue(root, r.error);
      const d = r.data;
      return { kind: 'depth', symbol: d.s, time: d.E, firstUpdateId: d.U, finalUpdateId: d.u, bids: d.b, asks: d.a };
    }
  }
}
