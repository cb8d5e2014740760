import { z } from 'zod';
import type { Timeframe } from '../market/timeframes.ts';
import type { Side } from './strategy.ts';

/** What made a decision: an event hook, or the runner's own stop-loss / take-profit check. */
export type Trigger = 'candle' | 'indicators' | 'forecast' | 'fill' | 'exit';

/**
 * A decision to trade, as published on `signal.<strategyId>` and stored: one order intent, its
 * deterministic client_order_id, and why. `status` follows the order: sent, then accepted,
 * rejected (with `note`) or filled.
 */
export interface Signal {
  readonly strategyId: string;
  readonly clientOrderId: string;
  /** The market time it was decided at (a candle's close). */
  readonly time: number;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly orderType: 'market' | 'limit' | 'stop';
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly timeInForce: 'gtc' | 'day' | 'ioc' | 'fok';
  readonly reason: string;
  readonly trigger: Trigger;
  /** The symbol's last close when decided. */
  readonly price: number | null;
  status: SignalStatus;
  note: string | null;
}
export type SignalStatus = 'sent' | 'accepted' | 'rejected' | 'filled' | 'canceled';

const LETTER: Record<Trigger, string> = { candle: 'c', indicators: 'i', forecast: 'f', fill: 'x', exit: 'e' };

/**
 * The client_order_id of an intent: `<strategy>:<symbol>:<tf>:<trigger letter><decision time>:<n>`
 * (letters: c candle, i indicators, f forecast, x fill, e exit; tf `-` for a fill).
 * The same decision made again (a restarted actor hearing a candle again) gives the same id, so
 * the account's idempotency answers it with the order already placed instead of placing another.
 * Strategy ids have no colon, so `<strategy>:` tells a strategy's orders from every other's.
 */
export function clientOrderIdOf(strategyId: string, symbol: string, tf: Timeframe | null, trigger: Trigger, time: number, n: number): string {
  return `${strategyId}:${symbol}:${tf ?? '-'}:${LETTER[trigger]}${time}:${n}`;
}

export const ownsOrder = (strategyId: string, clientOrderId: string): boolean => clientOrderId.startsWith(`${strategyId}:`);

/** An intent as a strategy wrote it, checked: a strategy is code of its own, and its mistakes get named. */
export const orderIntentSchema = z
  .object({
    symbol: z.string({ error: 'intent.symbol must be a string' }),
    side: z.enum(['buy', 'sell'], { error: (i) => `intent.side must be buy or sell, got ${JSON.stringify(i.input)}` }),
    qty: z.number({ error: 'intent.qty must be a number' }).finite({ error: 'intent.qty must be finite' }).nonnegative({ error: 'intent.qty must not be negative' }),
    type: z.enum(['market', 'limit', 'stop'], { error: (i) => `intent.type must be market, limit or stop, got ${JSON.stringify(i.input)}` }).default('market'),
    limitPrice: z.number().positive({ error: 'intent.limitPrice must be above 0' }).finite().optional(),
    stopPrice: z.number().positive({ error: 'intent.stopPrice must be above 0' }).finite().optional(),
    timeInForce: z.enum(['gtc', 'day', 'ioc', 'fok']).default('gtc'),
    reason: z.string({ error: 'intent.reason must be a string' }).min(1, { error: 'intent.reason must say why' }).max(200),
  })
  .refine((i) => i.type !== 'limit' || i.limitPrice !== undefined, { error: 'a limit intent needs limitPrice' })
  .refine((i) => i.type !== 'stop' || i.stopPrice !== undefined, { error: 'a stop intent needs stopPrice' });
