import { cancel, match, type Book, type BookUpdate } from '../../market/matching/index.ts';
import { createOrders, parseOrderRequest, transition, type AssetClass, type Order } from '../../market/orders/index.ts';
import { preTradeCheck, type RejectionCode } from '../../market/risk/index.ts';
import { dayOrderExpiry } from '../../market/sessions/index.ts';
import { apply } from './apply.ts';
import type { AccountEvent } from './events.ts';
import { openOrders, orderId, signedPositions, type AccountState } from './state.ts';

/**
 * Commands become events here, reading the state and never changing it; the actor appends the
 * events to the log before it applies them. A refusal that is not an order (a body that does not
 * parse, an unknown order id) is an answer with no event: nothing about the account changed.
 */
export type Refusal = { readonly ok: false; readonly code: RejectionCode | 'invalid_request' | 'not_found' | 'not_cancelable' | 'not_replaceable'; readonly message: string };
export type Decision = { readonly ok: true; readonly events: AccountEvent[]; readonly orderId?: string; readonly duplicate?: boolean } | Refusal;

/** Last prices by symbol: what the account has seen, not what it has logged. */
export type Marks = Readonly<Record<string, number>>;

const LEGS = { simple: [], bracket: ['tp', 'sl'], oco: ['sl'], oto: ['leg'] } as const;

/**
 * `assetClass`: the instrument's, when the caller knows it; else the account's (its config). A
 * day order expires at the end of its session (market/sessions: the NYSE close for stocks, the
 * next 00:00 UTC for crypto), counted from `at`, the account's time.
 */
export function decideSubmit(s: AccountState, marks: Marks, body: unknown, at: number, assetClass: AssetClass = s.config.assetClass): Decision {
  const parsed = parseOrderRequest(body);
  if (!parsed.ok) return { ok: false, code: 'invalid_request', message: parsed.message };
  const r = parsed.request;
  const existing = r.client_order_id === null ? undefined : s.clientIds[r.client_order_id];
  if (existing !== undefined) return { ok: true, events: [], orderId: existing, duplicate: true };

  const id = orderId(s.id, s.nextOrder);
  const legIds = LEGS[r.order_class].map((_, i) => orderId(s.id, s.nextOrder + 1 + i));
  const sessionEnd = r.time_in_force === 'day' ? dayOrderExpiry(assetClass, at) : null;
  const created = createOrders(r, { id, asset_id: `${assetClass}:${r.symbol}`, asset_class: assetClass, legIds, sessionEnd }, at);
  const risk = preTradeCheck({
    order: created.order,
    account: { cash: s.cash, positions: signedPositions(s), shortingEnabled: s.config.allowShort, tradingState: 'active' },
    openOrders: openOrders(s),
    prices: marks,
    limits: s.config.limits,
    rate: { config: s.config.rate, bucket: s.bucket },
    at,
  });
  if (risk.ok) return { ok: true, orderId: id, events: [{ type: 'accepted', at, order: created.order, legs: created.legs, bucket: risk.bucket }] };
  const rejected = transition(created.order, 'rejected', at);
  return { ok: true, orderId: id, events: [{ type: 'rejected', at, order: rejected, code: risk.code, message: risk.message, bucket: risk.bucket }] };
}

export function decideCancel(s: AccountState, id: string, at: number): Decision {
  const order = s.orders[id];
  if (!order) return { ok: false, code: 'not_found', message: `order ${id} not found` };
  if (!isWorking(s.books[order.symbol], id)) return { ok: false, code: 'not_cancelable', message: `order ${id} is ${order.status} and cannot be canceled` };
  return { ok: true, orderId: id, events: [{ type: 'cancel_requested', at, orderId: id }] };
}

/** Cancels every open order (of one symbol, if given). Canceling one may take others (an OCO pair), so each is decided on the book the previous left. */
export function decideCancelAll(s: AccountState, at: number, symbol?: string): Decision {
  const events: AccountEvent[] = [];
  for (const book of Object.values(s.books)) {
    if (symbol !== undefined && book.symbol !== symbol) continue;
    let scratch: Book = book;
    for (const w of book.working) {
      if (!isWorking(scratch, w.order.id)) continue;
      scratch = cancel(scratch, w.order.id, at).book;
      events.push({ type: 'cancel_requested', at, orderId: w.order.id });
    }
  }
  return { ok: true, events };
}

/**
 * Liquidates a position: its symbol's open orders are canceled first (a resting sell would make
 * the closing sell look like a new short to the risk check), then a market order for the whole
 * quantity, decided on the state as it will be once the cancels apply.
 */
export function decideClosePosition(s: AccountState, marks: Marks, symbol: string, at: number): Decision {
  const position = s.positions[symbol];
  if (!position) return { ok: false, code: 'not_found', message: `no position in ${symbol}` };
  const cancels = decideCancelAll(s, at, symbol) as { events: AccountEvent[] };
  const after = structuredClone(s);
  for (const e of cancels.events) apply(after, e);
  const close = { symbol, side: position.qty > 0 ? 'sell' : 'buy', qty: String(Math.abs(position.qty)), type: 'market', time_in_force: 'gtc' };
  const submitted = decideSubmit(after, marks, close, at);
  if (!submitted.ok) return submitted;
  return { ...submitted, events: [...cancels.events, ...submitted.events] };
}

/**
 * A tick for a symbol with working orders becomes a logged event (with the book update it makes,
 * so the actor applies it without matching twice); other ticks only move the marks. A tick older
 * than the book's last (a re-delivery after a restart, a late print) is dropped: the book has
 * moved past it, so it can fill nothing again. One at the book's last time is matched: an order
 * placed at that time takes part in it (sim/reveal shows an order the print its decision was
 * made on this way), and orders that saw it already act on it as they did (a resting limit or a
 * stop it did not reach, it does not reach again).
 */
export function decideTick(s: AccountState, tick: { symbol: string; time: number; price: number; size: number }): { event: AccountEvent; update: BookUpdate } | null {
  const book = s.books[tick.symbol];
  if (!book || book.working.length === 0) return null;
  if (book.lastTime !== null && tick.time < book.lastTime) return null;
  if (!(tick.price > 0) || !Number.isFinite(tick.price) || !(tick.size >= 0) || !Number.isFinite(tick.time)) return null;
  const update = match(book, { kind: 'tick', time: tick.time, price: tick.price, size: tick.size }, s.config.match);
  const fills = update.events.filter((m) => m.type === 'fill' || m.type === 'partial_fill').length;
  return { event: { type: 'tick', ...tick, fills }, update };
}

const MINUTE = 60_000;

/**
 * A tick of a held symbol that made no tick event (no working orders there) becomes a `marked`
 * event at most once a minute per symbol, so the equity history follows the market without
 * logging every print. Never backwards: a print older than the symbol's last logged one is none.
 */
export function decideMark(s: AccountState, tick: { symbol: string; time: number; price: number }): AccountEvent | null {
  if (!s.positions[tick.symbol] || !(tick.price > 0) || !Number.isFinite(tick.price) || !Number.isFinite(tick.time)) return null;
  const last = s.prices[tick.symbol];
  if (last && (tick.time < last.time || Math.floor(tick.time / MINUTE) === Math.floor(last.time / MINUTE))) return null;
  return { type: 'marked', at: tick.time, symbol: tick.symbol, price: tick.price };
}

/**
 * The day orders whose session ended by `now` expire: one `expired` event per symbol, at the
 * latest session end among its due orders (so the event says when, not when it was noticed).
 * For the actor's timer, when no price after the end has come to expire them.
 */
export function decideExpire(s: AccountState, now: number): AccountEvent[] {
  const events: AccountEvent[] = [];
  for (const book of Object.values(s.books)) {
    let at = Number.NEGATIVE_INFINITY;
    for (const w of book.working) if (w.order.expires_at !== null && w.order.expires_at <= now) at = Math.max(at, w.order.expires_at);
    if (at > Number.NEGATIVE_INFINITY) events.push({ type: 'expired', at, symbol: book.symbol });
  }
  return events;
}

/** The earliest session end among the open orders, or null: when the actor's expiry timer must look next. */
export function nextExpiry(s: AccountState): number | null {
  let next: number | null = null;
  for (const book of Object.values(s.books)) for (const w of book.working) if (w.order.expires_at !== null && (next === null || w.order.expires_at < next)) next = w.order.expires_at;
  return next;
}

export const isWorking = (book: Book | undefined, id: string): boolean => book?.working.some((w: { order: Order }) => w.order.id === id) ?? false;
