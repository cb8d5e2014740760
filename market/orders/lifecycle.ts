import type { Order } from './order.ts';

/**
 * Alpaca's order statuses that Tickflow's paper accounts go through. `held` is Alpaca's status of
 * a bracket or OTO leg waiting for its entry to fill. Not used: done_for_day, stopped,
 * suspended, calculated, accepted_for_bidding (they describe a real venue's back office).
 */
export const ORDER_STATUSES = [
  'pending_new',
  'accepted',
  'new',
  'held',
  'partially_filled',
  'filled',
  'canceled',
  'expired',
  'rejected',
  'replaced',
  'pending_cancel',
  'pending_replace',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Nothing leaves these: an order in one is history. */
export const TERMINAL_STATUSES = ['filled', 'canceled', 'expired', 'rejected', 'replaced'] as const satisfies readonly OrderStatus[];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export const isTerminal = (status: OrderStatus): status is TerminalStatus => (TERMINAL_STATUSES as readonly OrderStatus[]).includes(status);

/**
 * The one transition table. An order is created `pending_new`; the account's risk check makes it
 * `accepted` or `rejected`; the book makes it `new` (working) or `held` (a leg waiting for its
 * entry). `partially_filled → partially_filled` is a further partial fill. A fill may race a
 * pending cancel or replace and win, hence `pending_cancel → filled`.
 */
const TABLE: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_new: ['accepted', 'new', 'held', 'rejected', 'canceled'],
  accepted: ['new', 'held', 'rejected', 'canceled', 'expired', 'pending_cancel', 'pending_replace'],
  // A held leg can be replaced (Alpaca's stop-loss leg waits held, and clients move its stop).
  held: ['new', 'canceled', 'expired', 'pending_replace'],
  new: ['partially_filled', 'filled', 'canceled', 'expired', 'pending_cancel', 'pending_replace'],
  partially_filled: ['partially_filled', 'filled', 'canceled', 'expired', 'pending_cancel', 'pending_replace'],
  pending_cancel: ['canceled', 'filled', 'expired'],
  pending_replace: ['replaced', 'new', 'partially_filled', 'filled', 'canceled'],
  filled: [],
  canceled: [],
  expired: [],
  rejected: [],
  replaced: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => TABLE[from].includes(to);
export const nextStatuses = (from: OrderStatus): readonly OrderStatus[] => TABLE[from];

/** A move the table does not allow: a bug in the caller, raised so supervision sees it. */
export class IllegalTransition extends Error {
  override readonly name = 'IllegalTransition';
  constructor(
    readonly orderId: string,
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`Invalid order transition for ${orderId}: ${from} -> ${to}`);
  }
}

// The timestamp Alpaca sets on entering each status (updated_at is set on every move).
const STAMPED: Partial<Record<OrderStatus, 'filled_at' | 'canceled_at' | 'expired_at' | 'failed_at' | 'replaced_at'>> = {
  filled: 'filled_at',
  canceled: 'canceled_at',
  expired: 'expired_at',
  rejected: 'failed_at',
  replaced: 'replaced_at',
};
const SUBMITTING: readonly OrderStatus[] = ['accepted', 'new', 'held'];

/**
 * `order` moved to `to` at `at` (epoch ms), with Alpaca's timestamps set. Throws
 * IllegalTransition for a move the table forbids, and a RangeError if `at` lies before the
 * order's last update: an account orders its inputs by time, so that is a bug too.
 */
export function transition(order: Order, to: OrderStatus, at: number): Order {
  if (!canTransition(order.status, to)) throw new IllegalTransition(order.id, order.status, to);
  if (!Number.isFinite(at) || at < order.updated_at) throw new RangeError(`Invalid time for order ${order.id} (${order.status} -> ${to}): ${at} is before its last update ${order.updated_at}`);
  const stamped = STAMPED[to];
  return {
    ...order,
    status: to,
    updated_at: at,
    ...(order.submitted_at === null && SUBMITTING.includes(to) ? { submitted_at: at } : {}),
    ...(stamped ? { [stamped]: at } : {}),
  };
}
