import { z } from 'zod';
import { decimal, epochMs, id, symbol } from './fields.ts';

/**
 * The payloads of Binance spot market streams, as recorded in fixtures/binance. Only the fields
 * Tickflow reads are required; others (`M`, `b`/`a` buyer and seller order ids, quote volumes)
 * are ignored, so a field Binance adds later does not break the feed.
 */

/** `<symbol>@trade`: one trade. `T` is when it happened, `E` when the event was sent. */
export const tradePayload = z.object({
  e: z.literal('trade'),
  E: epochMs,
  s: symbol,
  t: id,
  p: decimal,
  q: decimal,
  T: epochMs,
  m: z.boolean(),
});

/** `<symbol>@aggTrade`: trades `f`..`l` that filled one taker order at one price. */
export const aggTradePayload = z.object({
  e: z.literal('aggTrade'),
  E: epochMs,
  s: symbol,
  a: id,
  p: decimal,
  q: decimal,
  f: id,
  l: id,
  T: epochMs,
  m: z.boolean(),
});

/** `<symbol>@kline_<interval>`: the current bar, sent on every change; `x` once it is closed. */
export const klinePayload = z.object({
  e: z.literal('kline'),
  E: epochMs,
  s: symbol,
  k: z.object({
    t: epochMs,
    T: epochMs,
    s: symbol,
    i: z.string(),
    o: decimal,
    c: decimal,
    h: decimal,
    l: decimal,
    v: decimal,
    x: z.boolean(),
  }),
});

/** `<symbol>@bookTicker`: best bid and ask. Spot sends it without `e` and `E`. */
export const bookTickerPayload = z.object({
  u: id,
  s: symbol,
  b: decimal,
  B: decimal,
  a: decimal,
  A: decimal,
});

const level = z.tuple([decimal, decimal]);

/** `<symbol>@depth` / `@depth@100ms`: changed price levels (quantity 0: level removed), updates `U`..`u`. */
export const depthPayload = z.object({
  e: z.literal('depthUpdate'),
  E: epochMs,
  s: symbol,
  U: id,
  u: id,
  b: z.array(level),
  a: z.array(level),
});

/** What a combined stream (`/stream?streams=...`) wraps every payload in. */
export const combinedEnvelope = z.object({
  stream: z.string(),
  data: z.unknown(),
});
