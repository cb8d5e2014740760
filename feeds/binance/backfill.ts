import { z } from 'zod';
import type { Bar } from '../../market/candles/candle.ts';
import { barProblem } from '../csv/bar.ts';
import { decimal, epochMs, firstIssue } from './fields.ts';
import { DEFAULT_REST_BASE, klinesUrl, type KlineInterval } from './streams.ts';

/** One REST kline: `[openTime, "open", "high", "low", "close", "volume", closeTime, ...]`; the rest is not needed. */
const restKline = z.tuple([epochMs, decimal, decimal, decimal, decimal, decimal, epochMs], z.unknown());
const klinesBody = z.array(restKline);

/** Only what is used of fetch, so tests and callers can pass their own. */
export type Fetch = (url: string) => Promise<Response>;

export interface BackfillRequest {
  symbol: string;
  interval: KlineInterval;
  /** Open times of the first and last bars wanted, epoch ms, both inclusive. */
  startTime: number;
  endTime: number;
  restBase?: string;
  fetch?: Fetch;
  /** Bars per request; Binance serves at most 1000. */
  limit?: number;
  /** A bound on requests, so a misbehaving server cannot keep us paging forever. */
  maxPages?: number;
}

/** Bars in time order. On failure, `bars` holds what the pages before it gave. */
export type BackfillResult = { ok: true; bars: Bar[]; pages: number } | { ok: false; reason: string; bars: Bar[]; pages: number };

/**
 * The klines missed while a stream was down, from `GET /api/v3/klines`, page after page by
 * startTime. Never rejects: it runs beside a connection loop, which must not die of a REST
 * failure; the result says what went wrong (HTTP status, body, network) and with which request.
 * The last bar may still be forming when endTime is inside the current interval.
 */
export async function backfillKlines(req: BackfillRequest): Promise<BackfillResult> {
  const { symbol, interval, endTime, limit = 1000, maxPages = 100 } = req;
  const get = req.fetch ?? ((url: string) => fetch(url));
  const bars: Bar[] = [];
  let startTime = req.startTime;
  let pages = 0;
  while (startTime <= endTime) {
    if (pages === maxPages) return { ok: false, reason: `still not at ${endTime} after ${maxPages} pages`, bars, pages };
    const url = klinesUrl({ symbol, interval, startTime, endTime, limit }, req.restBase ?? DEFAULT_REST_BASE);
    const page = await fetchPage(get, url);
    pages++;
    if (typeof page === 'string') return { ok: false, reason: `GET ${url}: ${page}`, bars, pages };
    for (const [openTime, open, high, low, close, volume] of page) {
      if (openTime < startTime || openTime > endTime) continue; // outside what was asked: not trusted
      const bar: Bar = { openTime, open, high, low, close, volume };
      const prev = bars.at(-1);
      const problem = prev && openTime <= prev.openTime ? `opens at or before the previous bar (${prev.openTime})` : barProblem(bar);
      if (problem) return { ok: false, reason: `GET ${url}: bar at ${openTime}: ${problem}`, bars, pages };
      bars.push(bar);
    }
    const last = page.at(-1);
    if (!last || page.length < limit) return { ok: true, bars, pages }; // a short page is the last one
    const next = last[6] + 1; // the next bar opens just after this one's close time
    if (next <= startTime) return { ok: false, reason: `GET ${url}: page did not advance past ${startTime}`, bars, pages };
    startTime = next;
  }
  return { ok: true, bars, pages };
}

/** A page of klines, or what was wrong with the answer. */
async function fetchPage(get: Fetch, url: string): Promise<z.output<typeof klinesBody> | string> {
  let res: Response;
  let text: string;
  try {
    res = await get(url);
    text = await res.text();
  } catch (e) {
    return `request failed: ${(e as Error)?.message ?? String(e)}`;
  }
  // Binance explains refusals in the body ({"code":-1121,"msg":"Invalid symbol."}); 429/418 mean rate limits.
  if (!res.ok) return `HTTP ${res.status}: ${text.slice(0, 200)}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return `body is not JSON (${(e as Error).message})`;
  }
  const r = klinesBody.safeParse(json);
  return r.success ? r.data : firstIssue('body', r.error);
}
