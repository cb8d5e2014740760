import type { AccountView, PositionView } from '../../actors/account/index.ts';
import type { Instrument } from '../../market/instruments/index.ts';
import { decimalString, type AlpacaOrderJson, type AssetClass } from '../../market/orders/index.ts';
import type { AccountRecord } from '../../storage/sqlite/accounts.ts';

/**
 * The account and its positions as Alpaca's v2 JSON: decimals as strings, Alpaca's field names.
 * Only fields Tickflow knows the value of are written: a cash account (multiplier 1, so every
 * buying power is the same figure), no margin, no day-trade count, no previous-day prices.
 */

const dec = (x: number) => decimalString(x);
const ASSET_CLASS: Record<Instrument['class'], AssetClass | null> = { crypto: 'crypto', stock: 'us_equity', macro: null };

/** Alpaca's asset class of a tradable instrument; null for one that does not trade (a macro series). */
export const assetClassOf = (i: Instrument): AssetClass | null => ASSET_CLASS[i.class];

export function accountJson(record: AccountRecord, view: AccountView) {
  // Null when an open order or short has no price yet: nothing can be promised to spend.
  const buyingPower = dec(view.buyingPower ?? 0);
  return {
    id: record.id,
    account_number: record.id,
    status: 'ACTIVE',
    crypto_status: 'ACTIVE',
    currency: 'USD',
    buying_power: buyingPower,
    regt_buying_power: buyingPower,
    daytrading_buying_power: buyingPower,
    non_marginable_buying_power: buyingPower,
    cash: dec(view.cash),
    portfolio_value: dec(view.equity),
    equity: dec(view.equity),
    last_equity: dec(view.lastEquity),
    long_market_value: dec(view.longMarketValue),
    short_market_value: dec(view.shortMarketValue),
    multiplier: '1',
    shorting_enabled: view.shortingEnabled,
    pattern_day_trader: false,
    trading_blocked: false,
    transfers_blocked: false,
    account_blocked: false,
    trade_suspended_by_user: false,
    created_at: new Date(record.createdAt).toISOString(),
  };
}

/**
 * A position as Alpaca writes it. `qty_available` is what open orders on the closing side do not
 * already hold: Alpaca refuses to sell more than that.
 */
export function positionJson(p: PositionView, instrument: Instrument, openOrders: readonly AlpacaOrderJson[]) {
  const closing = p.qty > 0 ? 'sell' : 'buy';
  const held = openOrders
    .filter((o) => o.symbol === p.symbol && o.side === closing && o.qty !== null)
    .reduce((sum, o) => sum + Number(o.qty) - Number(o.filled_qty), 0);
  const assetClass = assetClassOf(instrument);
  return {
    asset_id: `${assetClass}:${p.symbol}`,
    symbol: p.symbol,
    exchange: instrument.venue.toUpperCase(),
    asset_class: assetClass,
    avg_entry_price: dec(p.avgEntryPrice),
    qty: dec(p.qty),
    qty_available: dec(Math.sign(p.qty) * Math.max(0, Math.abs(p.qty) - held)),
    side: p.side,
    market_value: dec(p.marketValue),
    cost_basis: dec(p.costBasis),
    unrealized_pl: dec(p.unrealizedPnl),
    unrealized_plpc: dec(p.costBasis === 0 ? 0 : p.unrealizedPnl / p.costBasis),
    current_price: dec(p.currentPrice),
  };
}
