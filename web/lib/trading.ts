/// <reference lib="dom" />
import { hc } from 'hono/client';
// Types only (erased from the bundle): the /v2 routes as the edge declares them, and the order
// and replace bodies as the schemas that parse them say.
import type { ReplacePatch } from '../../actors/account/replace.ts';
import type { accountRoutes } from '../../api/alpaca/account.ts';
import type { orderRoutes } from '../../api/alpaca/orders.ts';
import type { positionRoutes } from '../../api/alpaca/positions.ts';
import type { OrderRequest } from '../../market/orders/index.ts';
import { call } from './api.ts';

/** An account's Alpaca key pair, as `tickflow account create` prints it. */
export interface Keys {
  keyId: string;
  secret: string;
}

/** A body field as a client sends it: Alpaca's decimals are strings on the wire. */
type Wire<T> = { -readonly [K in keyof T]?: NonNullable<T[K]> extends number ? string : NonNullable<T[K]> };
/** `POST /v2/orders`, as market/orders' schema reads it. */
export type OrderBody = Wire<Pick<OrderRequest, 'symbol' | 'qty' | 'notional' | 'side' | 'type' | 'time_in_force' | 'limit_price' | 'stop_price' | 'trail_price' | 'trail_percent' | 'client_order_id'>>;
/** `PATCH /v2/orders/{id}`, as actors/account's replace schema reads it. */
export type ReplaceBody = Wire<ReplacePatch>;

const KEYS = 'tickflow.keys';

/** The key pair of this tab: sessionStorage, so a secret does not outlive the tab or reach another. */
export const savedKeys = (): Keys | null => {
  try {
    const k = JSON.parse(sessionStorage.getItem(KEYS) ?? 'null') as Keys | null;
    return k && typeof k.keyId === 'string' && typeof k.secret === 'string' ? k : null;
  } catch {
    return null;
  }
};
export const saveKeys = (k: Keys | null) => (k ? sessionStorage.setItem(KEYS, JSON.stringify(k)) : sessionStorage.removeItem(KEYS));

/**
 * The Alpaca-compatible /v2 API of one account, typed from the edge's route modules (the /v2 app
 * is mounted only where the engine runs, so it is not part of `AppType`). Every request carries
 * the key pair in Alpaca's headers.
 */
export function trading(keys: Keys) {
  const headers = { 'APCA-API-KEY-ID': keys.keyId, 'APCA-API-SECRET-KEY': keys.secret };
  const json = { headers: { ...headers, 'Content-Type': 'application/json' } };
  const orders = hc<ReturnType<typeof orderRoutes>>(location.origin, { headers });
  const account = hc<ReturnType<typeof accountRoutes>>(location.origin, { headers });
  const positions = hc<ReturnType<typeof positionRoutes>>(location.origin, { headers });
  return {
    account: () => call(account.v2.account.$get()),
    history: (period: string, timeframe: string) => call(account.v2.account.portfolio.history.$get({ query: { period, timeframe } })),
    positions: () => call(positions.v2.positions.$get()),
    closePosition: (symbol: string) => call(positions.v2.positions[':symbol'].$delete({ param: { symbol } })),
    orders: (status: 'open' | 'closed', limit = 100) => call(orders.v2.orders.$get({ query: { status, limit: String(limit), nested: 'true', direction: 'desc' } })),
    submit: (body: OrderBody) => call(orders.v2.orders.$post(undefined, { ...json, init: { body: JSON.stringify(body) } })),
    replace: (id: string, body: ReplaceBody) => call(orders.v2.orders[':id'].$patch({ param: { id } }, { ...json, init: { body: JSON.stringify(body) } })),
    cancel: async (id: string) => {
      const res = await orders.v2.orders[':id'].$delete({ param: { id } });
      if (!res.ok) await call(Promise.resolve(res));
    },
    cancelAll: () => call(orders.v2.orders.$delete()),
  };
}

export type Trading = ReturnType<typeof trading>;
export type AccountJson = Awaited<ReturnType<Trading['account']>>;
export type PositionJson = Awaited<ReturnType<Trading['positions']>>[number];
export type OrderJson = Awaited<ReturnType<Trading['orders']>>[number];
