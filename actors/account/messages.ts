import { z } from 'zod';
import { protocol } from '../../engine/index.ts';
import { ASSET_CLASSES, type AlpacaOrderJson } from '../../market/orders/index.ts';
import { accountConfigSchema } from './config.ts';
import type { TradeEvent } from './events.ts';

/**
 * A paper account, addressed `account/<id>`. Commands are asks: the answer is the
 * acknowledgement, sent only after the events are in the log. `tick` is the symbol actor's
 * published print (actors/symbol TickMsg), heard on `tick.<SYMBOL>`.
 */
export const accountProtocol = protocol({
  /**
   * `order` is Alpaca's POST /v2/orders body; `price` a last price the edge knows, for a symbol
   * the account has not seen yet, and `time` the market time of that price (account time follows
   * the market, see behaviour.ts); `assetClass` the instrument's, else the account's config.
   */
  submit: { order: z.unknown(), price: z.number().positive().optional(), time: z.number().optional(), assetClass: z.enum(ASSET_CLASSES).optional() },
  cancel: { orderId: z.string() },
  /** Alpaca's PATCH /v2/orders/{id} body as `patch` (replace.ts). */
  replace: { orderId: z.string(), patch: z.unknown() },
  cancelAll: {},
  closePosition: { symbol: z.string() },
  tick: { symbol: z.string(), time: z.number(), price: z.number(), qty: z.number() },
  view: {},
  /** GET /v2/orders: `after`/`until` bound the submission time (epoch ms, exclusive), `nested` rolls legs into their parents. */
  orders: {
    status: z.enum(['open', 'closed', 'all']).optional(),
    limit: z.number().int().positive().optional(),
    after: z.number().optional(),
    until: z.number().optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    symbols: z.array(z.string()).optional(),
    nested: z.boolean().optional(),
  },
  order: { id: z.string() },
  /**
   * Fills, as Alpaca's FILL activities list them: newest first unless `direction: 'asc'`,
   * `after`/`until` bound the fill time (epoch ms, exclusive), at most `limit` (100), and
   * `pageToken` (a fill id) continues after that fill. Answers FillRecord[] (state.ts).
   */
  fills: {
    after: z.number().optional(),
    until: z.number().optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    limit: z.number().int().positive().optional(),
    pageToken: z.string().optional(),
  },
  orderByClientId: { clientOrderId: z.string() },
  /** The equity history (equity.ts): `{openingCash, time, samples: [[ms, equity], ...]}`. */
  history: {},
  /** The actor's own timer: day orders whose session has ended expire (no reply). */
  expire: {},
});

export const accountProps = z.object({
  accountId: z.string().regex(/^[A-Za-z0-9_-]+$/, 'accountId must be letters, digits, _ or -'),
  /** The SQLite file of the event log (created when missing). */
  db: z.string().min(1),
  /** Opening cash and config: used once, when the log is empty; afterwards the log's `opened` event rules. */
  cash: z.number().nonnegative(),
  config: accountConfigSchema.prefault({}),
  /** Symbols to follow for valuations even without orders or positions in them. */
  watch: z.array(z.string()).default([]),
  /** Write a snapshot every this many events, so recovery replays at most that many. */
  snapshotEvery: z.number().int().positive().default(1_000),
});
export type AccountProps = z.output<typeof accountProps>;

/** `trade.<account>`: Alpaca's trade_updates, one per order event. */
export type TradeUpdateMsg = {
  type: 'trade_update';
  /** The account it happened in: a listener on `trade.*` is not told the topic. */
  accountId: string;
  event: TradeEvent;
  at: number;
  order: AlpacaOrderJson;
  price: number | null;
  qty: number | null;
  positionQty: number | null;
};

/**
 * `trade_update` as the actors that hear `trade.*` (strategies, notifier, backtest reveal) declare
 * it in their protocols: one shape, since a protocol takes nothing it does not declare.
 */
export const tradeUpdateShape = {
  accountId: z.string(),
  event: z.string(),
  at: z.number(),
  order: z.object({ id: z.string(), client_order_id: z.string(), symbol: z.string(), side: z.string(), status: z.string() }).loose(),
  price: z.number().nullable(),
  qty: z.number().nullable(),
  positionQty: z.number().nullable(),
};

/** What a command answers. */
export type CommandReply =
  | { ok: true; order: AlpacaOrderJson | null; duplicate: boolean; canceled: string[]; rejection: { code: string; message: string } | null }
  | { ok: false; code: string; message: string };

/** What `history` answers. */
export interface HistoryReply {
  openingCash: number;
  /** The account's time: its last event, or the last market time it heard. */
  time: number;
  samples: (readonly [number, number])[];
}
