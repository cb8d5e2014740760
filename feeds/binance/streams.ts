/** Binance spot market streams and REST endpoints. Bases are configurable: tests point them at a local server. */
export const DEFAULT_WS_BASE = 'wss://stream.binance.com:9443';
export const DEFAULT_REST_BASE = 'https://api.binance.com';

/** Binance allows at most this many streams on one connection. */
export const MAX_STREAMS = 1024;

export const KLINE_INTERVALS = ['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'] as const;
export type KlineInterval = (typeof KLINE_INTERVALS)[number];

/** The channels this adapter understands; `depth5`/`depth10`/`depth20` (partial books) are not among them. */
export type Channel = 'trade' | 'aggTrade' | 'bookTicker' | 'depth' | 'depth@100ms' | `kline_${KlineInterval}`;
export type StreamKind = 'trade' | 'aggTrade' | 'bookTicker' | 'depth' | 'kline';

export interface ParsedStream {
  /** Lower-case, as in the stream name. */
  readonly symbol: string;
  readonly kind: StreamKind;
  /** For klines only. */
  readonly interval?: KlineInterval;
}

const STREAM_NAME = new RegExp(`^([a-z0-9]+)@(trade|aggTrade|bookTicker|depth(?:@100ms)?|kline_(${KLINE_INTERVALS.join('|')}))$`);

/** `btcusdt@kline_1m` → { symbol: 'btcusdt', kind: 'kline', interval: '1m' }; null for anything else. */
export function parseStreamName(name: string): ParsedStream | null {
  const m = STREAM_NAME.exec(name);
  if (!m) return null;
  const [, symbol, channel, interval] = m as unknown as [string, string, string, KlineInterval | undefined];
  if (interval !== undefined) return { symbol, kind: 'kline', interval };
  return { symbol, kind: channel.startsWith('depth') ? 'depth' : (channel as StreamKind) };
}

/** Stream names carry the symbol in lower case: `BTCUSDT` + `trade` → `btcusdt@trade`. */
export function streamName(symbol: string, channel: Channel): string {
  const name = `${symbol.toLowerCase()}@${channel}`;
  if (!parseStreamName(name)) throw new RangeError(`not a Binance stream: ${JSON.stringify(name)}`);
  return name;
}

const trimSlash = (base: string) => base.replace(/\/+$/, '');

/**
 * The combined-stream URL for several streams: `<base>/stream?streams=a@trade/b@kline_1m`.
 * Names are written as Binance expects them, unescaped. Throws on a configuration mistake
 * (no streams, too many, an unknown name, a base that is not ws:// or wss://).
 */
export function combinedStreamUrl(streams: readonly string[], wsBase = DEFAULT_WS_BASE): string {
  if (!/^wss?:\/\//.test(wsBase)) throw new RangeError(`WebSocket base must start with ws:// or wss://, got ${JSON.stringify(wsBase)}`);
  if (streams.length === 0) throw new RangeError('a combined stream needs at least one stream');
  if (streams.length > MAX_STREAMS) throw new RangeError(`Binance allows ${MAX_STREAMS} streams per connection, got ${streams.length}`);
  const unknown = streams.find((s) => !parseStreamName(s));
  if (unknown !== undefined) throw new RangeError(`not a Binance stream: ${JSON.stringify(unknown)}`);
  return `${trimSlash(wsBase)}/stream?streams=${streams.join('/')}`;
}

export interface KlinesQuery {
  readonly symbol: string;
  readonly interval: KlineInterval;
  readonly startTime: number;
  readonly endTime: number;
  readonly limit: number;
}

/** `GET /api/v3/klines`: the symbol in upper case, times in epoch ms, both ends inclusive. */
export function klinesUrl(q: KlinesQuery, restBase = DEFAULT_REST_BASE): string {
  const params = new URLSearchParams({
    symbol: q.symbol.toUpperCase(),
    interval: q.interval,
    startTime: String(q.startTime),
    endTime: String(q.endTime),
    limit: String(q.limit),
  });
  return `${trimSlash(restBase)}/api/v3/klines?${params}`;
}
