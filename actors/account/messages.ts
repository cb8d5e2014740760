import { z } from 'zod';
import { protocol } from '../../engine/index.ts';
import type { AlpacaOrderJson } from '../../market/orders/index.ts';
import { accountConfigSchema } from './config.ts';
import type { TradeEvent } from './events.ts';

/**
 * A paper account, addressed `account/<id>`. Commands are asks: the answer is the
 * acknowledgement, sent only after the events are in the log. `tick` is the symbol actor's
 * published print (actors/symbol TickMsg), heard on `tick.<SYMBOL>`.
 */
export const accountProtocol = protocol({
  /** `order` is Alpaca's POST /v2/orders body; `price` a last price the edge knows, for a symbol the account has not seen yet. */
  submit: { order: z.unknown(), price: z.number().positive().optional() },
  cancel: { orderId: z.string() },
  cancelAll: {},
  closePosition: { symbol: z.string() },
  tick: { symbol: z.string(), time: z.number(), price: z.number(), qty: z.number() },
  view: {},
  orders: { status: z.enum(['open', 'closed', 'all']).optional(), limit: z.number().int().positive().optional() },
  order: { id: z.string() },
  orderByClientId: { clientOrderId: z.string() },
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
  event: TradeEvent;
  at: number;
  order: AlpacaOrderJson;
  price: number | null;
  qty: number | null;
  positionQty: number | null;
};

/** What a command answers. */
export type CommandReply =
  | { ok: true; order: AlpacaOrderJson | null; duplicate: boolean; canceled: string[]; rejection: { code: string; message: string } | null }
  | { ok: false; code: string; message: string };
