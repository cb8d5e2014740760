import { decimalString } from '../orders/decimal.ts';
import type { Order } from '../orders/order.ts';
import { signed, sizedQty, sizingPrice, split } from './exposure.ts';
import { project, requirement, type MarginRules } from './projection.ts';
import { formatMoney, reject, type Rejection } from './rejection.ts';
import { takeToken, type TokenBucket, type TokenBucketConfig } from './token-bucket.ts';

export type TradingState = 'active' | 'halted' | 'reducing_only';

export interface RiskAccount {
  readonly cash: number;
  /** Signed quantities by symbol; negative is short. */
  readonly positions: Readonly<Record<string, number>>;
  readonly shortingEnabled: boolean;
  /** halted: nothing trades; reducing_only: only orders that shrink a position toward zero. */
  readonly tradingState: TradingState;
}

export interface RiskLimits extends MarginRules {
  readonly maxOrderNotional: number | null;
  readonly maxPositionQty: number | null;
  readonly maxPositionNotional: number | null;
}

export const DEFAULT_RISK_LIMITS: RiskLimits = {
  maxOrderNotional: null,
  maxPositionQty: null,
  maxPositionNotional: null,
  shortMargin: 0.5,
  feeBps: 0,
  marketBufferBps: 0,
};

export interface PreTradeInput {
  /** The new order (status pending_new); for a bracket, OCO or OTO, its entry — exits need no buying power. */
  readonly order: Order;
  readonly account: RiskAccount;
  /** The account's open orders, all symbols, in submission order. */
  readonly openOrders: readonly Order[];
  /** Last prices by symbol. */
  readonly prices: Readonly<Record<string, number>>;
  readonly limits: RiskLimits;
  readonly rate: { readonly config: TokenBucketConfig; readonly bucket: TokenBucket };
  readonly at: number;
}

/** Accepted, with the buying power the order takes; or refused. Either way the bucket to keep. */
export type PreTradeResult = ({ readonly ok: true; readonly requires: number } | ({ readonly ok: false } & Rejection)) & { readonly bucket: TokenBucket };

/**
 * Every pre-trade check, cheapest and most general first; the first to fail decides. A refusal
 * is an expected answer, returned, never thrown. Every submission takes a rate token, refused
 * or not: the bucket limits how often a client may ask.
 */
export function preTradeCheck(input: PreTradeInput): PreTradeResult {
  const { order, account, limits, at } = input;
  const taken = takeToken(input.rate.bucket, input.rate.config, at);
  const bucket = taken.bucket;
  const refuse = (r: Rejection): PreTradeResult => ({ ok: false, ...r, bucket });
  if (!taken.ok) {
    const { capacity, refillPerSecond } = input.rate.config;
    return refuse(reject('rate_limited', `submit rate exceeded: ${refillPerSecond} orders per second, bursts of ${capacity}; retry in ${taken.retryAfterMs} ms`));
  }
  if (account.tradingState === 'halted') return refuse(reject('trading_halted', 'trading is halted for this account'));

  const { symbol, side } = order;
  const price = sizingPrice(order, input.prices[symbol], limits.marketBufferBps);
  if (price === null) return refuse(reject('no_price', `no price for ${symbol} yet: a ${order.type} order cannot be sized`));
  const projection = project(account.cash, account.positions, input.openOrders, input.prices, limits);
  if ('missingPrice' in projection) return refuse(reject('no_price', `no price for ${projection.missingPrice} yet: its position or open orders cannot be valued`));

  const qty = sizedQty(order, price);
  const words = `${side} ${decimalString(qty)} ${symbol}`;
  const sameSide = projection.sameSide[side].get(symbol) ?? 0;
  const grows = split(side, qty, sameSide).opens > 0;
  if (account.tradingState === 'reducing_only' && grows) {
    return refuse(reject('reducing_only', `account is reducing only: ${words} would add to or flip the position (${decimalString(sameSide)})`));
  }

  const position = projection.positions.get(symbol) ?? 0;
  const opensShort = side === 'sell' ? split(side, qty, position).opens : 0;
  if (opensShort > 0 && !account.shortingEnabled) {
    return refuse(reject('shorting_not_allowed', `shorting is not enabled for this account: ${words} would open a short of ${decimalString(opensShort)}`));
  }

  const notional = qty * price;
  if (limits.maxOrderNotional !== null && notional > limits.maxOrderNotional) {
    return refuse(reject('max_order_notional', `order notional ${formatMoney(notional)} exceeds the limit of ${formatMoney(limits.maxOrderNotional)}`));
  }
  const after = Math.abs(sameSide + signed(side, qty));
  if (grows && limits.maxPositionQty !== null && after > limits.maxPositionQty) {
    return refuse(reject('max_position', `position in ${symbol} would be ${decimalString(after)} (limit ${decimalString(limits.maxPositionQty)})`));
  }
  if (grows && limits.maxPositionNotional !== null && after * price > limits.maxPositionNotional) {
    return refuse(reject('max_position', `position in ${symbol} would be worth ${formatMoney(after * price)} (limit ${formatMoney(limits.maxPositionNotional)})`));
  }

  const requires = requirement(side, qty, price, position, limits);
  // An order that only reduces needs nothing and always passes: it is how an account under water gets out.
  // 1e-9 of slack: sizing is float arithmetic, and a client spending exactly its cash must not be refused over 1e-12.
  if (requires > 0 && requires > projection.available + 1e-9) {
    return refuse(reject('insufficient_buying_power', `insufficient buying power: need ${formatMoney(requires)}, have ${formatMoney(projection.available)}`));
  }
  return { ok: true, requires, bucket };
}
