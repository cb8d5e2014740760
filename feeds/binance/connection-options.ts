import type { Clock } from '../../engine/clock/clock.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { MAX_FRAME_CHARS, type BinanceEvent, type FrameDropReason } from './messages.ts';

/** What a BinanceConnection is told, and what it tells back. */
export type ConnectionState = 'connecting' | 'open' | 'backoff' | 'closed';
export type DropReason = FrameDropReason | 'binary-frame' | 'handler-error';

export interface ConnectionStats {
  /** Frames received, good or bad. */
  received: number;
  dropped: Partial<Record<DropReason, number>>;
  /** Connections opened after the first one (after a drop, or the proactive 24h renewal). */
  reconnects: number;
  state: ConnectionState;
  /** The last drop's detail, the last reason a socket was lost, the last error thrown by onState/onReconnect: for logs. */
  lastDrop?: string;
  lastLoss?: string;
  lastCallbackError?: string;
}

export interface ConnectionOptions {
  url: string;
  clock: Clock;
  /** For backoff jitter; in [0, 1). */
  random: () => number;
  onEvent: (event: BinanceEvent) => void;
  onState?: (state: ConnectionState) => void;
  /** A socket opened again after a loss; nothing was received from `since` to `now`: backfill from there. */
  onReconnect?: (gap: { since: number; now: number }) => void;
  backoff?: BackoffPolicy;
  /** Binance closes every connection at 24h; renewing it before, at a time we choose, avoids the surprise. */
  maxLifetimeMs?: number;
  connectTimeoutMs?: number;
  /** No frame and no ping for this long: the link is dead without a close (half-open TCP). Binance pings every 20 s. */
  idleMs?: number;
  maxFrameChars?: number;
  /** Bun's global WebSocket by default; tests may pass a subclass. */
  WebSocket?: new (url: string) => WebSocket;
}

const HOUR = 3_600_000;

/** The options with every default filled in. */
export type ResolvedOptions = Required<Omit<ConnectionOptions, 'onState' | 'onReconnect'>> & ConnectionOptions;

export function withDefaults(options: ConnectionOptions): ResolvedOptions {
  return {
    ...options,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    maxLifetimeMs: options.maxLifetimeMs ?? 23 * HOUR + 50 * 60_000, // ten minutes before Binance's cut-off
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    // Above Binance's old 3-minute ping period too, so a quiet symbol is never mistaken for a dead link.
    idleMs: options.idleMs ?? 5 * 60_000,
    maxFrameChars: options.maxFrameChars ?? MAX_FRAME_CHARS,
    WebSocket: options.WebSocket ?? WebSocket,
  };
}
