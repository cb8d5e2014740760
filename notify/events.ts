import type { NotifyEventKind } from './config.ts';

/** What a notification says, whatever format it goes out in. Times are epoch ms of the engine's clock (market time in a replay). */
export type NotifyEvent =
  | {
      readonly kind: 'signal';
      readonly at: number;
      readonly strategyId: string;
      readonly symbol: string;
      readonly side: string;
      readonly qty: number;
      readonly orderType: string;
      readonly price: number | null;
      readonly reason: string;
      readonly clientOrderId: string;
    }
  | {
      readonly kind: 'fill';
      readonly at: number;
      readonly accountId: string;
      readonly symbol: string;
      readonly side: string;
      /** This fill's quantity and price. */
      readonly qty: number | null;
      readonly price: number | null;
      readonly partial: boolean;
      readonly positionQty: number | null;
      readonly orderId: string;
      readonly clientOrderId: string;
    }
  | {
      readonly kind: 'order_rejected';
      readonly at: number;
      readonly accountId: string;
      readonly symbol: string;
      readonly side: string;
      readonly qty: string | null;
      readonly orderId: string;
      readonly clientOrderId: string;
    }
  | {
      readonly kind: 'drawdown';
      readonly at: number;
      readonly accountId: string;
      /** Fall of equity from its high, as a fraction (0.12 is 12%). */
      readonly drawdown: number;
      readonly threshold: number;
      readonly equity: number;
      readonly peak: number;
    }
  | FeedEvent<'feed_down'>
  | FeedEvent<'feed_up'>;

/** A feed's line: its state as it said it, and its last error when it gave one. */
export interface FeedEvent<K extends 'feed_down' | 'feed_up'> {
  readonly kind: K;
  readonly at: number;
  readonly feed: string;
  readonly state: string;
  readonly detail: string | null;
}

export type EventOf<K extends NotifyEventKind> = Extract<NotifyEvent, { kind: K }>;

/** The fields of a trade update (actors/account TradeUpdateMsg) a notification uses. */
export interface TradeUpdateLike {
  readonly event: string;
  readonly at: number;
  readonly order: { readonly id?: unknown; readonly client_order_id?: unknown; readonly symbol?: unknown; readonly side?: unknown; readonly qty?: unknown };
  readonly price: number | null;
  readonly qty: number | null;
  readonly positionQty: number | null;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A fill (fill, partial_fill) or a pre-trade rejection; null for the other events of an order's life. */
export function tradeEvent(accountId: string, u: TradeUpdateLike): EventOf<'fill'> | EventOf<'order_rejected'> | null {
  const o = u.order;
  const base = { at: u.at, accountId, symbol: text(o.symbol), side: text(o.side), orderId: text(o.id), clientOrderId: text(o.client_order_id) };
  if (u.event === 'fill' || u.event === 'partial_fill') return { kind: 'fill', ...base, qty: u.qty, price: u.price, partial: u.event === 'partial_fill', positionQty: u.positionQty };
  if (u.event === 'rejected') return { kind: 'order_rejected', ...base, qty: typeof o.qty === 'string' ? o.qty : null };
  return null;
}

/** The fields of a signal (strategies/signal.ts) a notification uses. */
export interface SignalLike {
  readonly strategyId: string;
  readonly clientOrderId: string;
  readonly time: number;
  readonly symbol: string;
  readonly side: string;
  readonly qty: number;
  readonly orderType: string;
  readonly reason: string;
  readonly price: number | null;
  readonly status: string;
}

/**
 * A decision, once: a signal is published again as its order is accepted, rejected and filled,
 * and those are told by the account's own fills and rejections.
 */
export function signalEvent(s: SignalLike): EventOf<'signal'> | null {
  if (s.status !== 'sent') return null;
  return { kind: 'signal', at: s.time, strategyId: s.strategyId, symbol: s.symbol, side: s.side, qty: s.qty, orderType: s.orderType, price: s.price, reason: s.reason, clientOrderId: s.clientOrderId };
}

/** Feed states in which it gets no data (as api/health.ts warns of them): a venue down, a key missing or refused. */
export const FEED_TROUBLE: ReadonlySet<string> = new Set(['backoff', 'closed', 'backing-off', 'rejected', 'missing-api-key']);

/**
 * Turns what feeds say on `feed.<venue>` into transitions: down when one enters trouble (or is
 * first heard in it), up when it leaves. A feed saying the same again is not news.
 */
export class FeedTransitions {
  private readonly down = new Map<string, boolean>();

  hear(feed: string, state: string, detail: string | null, at: number): EventOf<'feed_down'> | EventOf<'feed_up'> | null {
    const trouble = FEED_TROUBLE.has(state);
    const was = this.down.get(feed);
    this.down.set(feed, trouble);
    if (trouble && was !== true) return { kind: 'feed_down', at, feed, state, detail };
    if (!trouble && was === true) return { kind: 'feed_up', at, feed, state, detail };
    return null;
  }

  /** For a snapshot: which feeds are down now. */
  state(): Record<string, boolean> {
    return Object.fromEntries(this.down);
  }

  static restore(state: Record<string, boolean>): FeedTransitions {
    const t = new FeedTransitions();
    for (const [k, v] of Object.entries(state)) t.down.set(k, v);
    return t;
  }
}
