import type { Market } from '../../actors/market.ts';
import { accountAddress } from '../../actors/account/start.ts';
import { AskFailedError, type EngineHandle } from '../../engine/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { Instrument, InstrumentRegistry } from '../../market/instruments/index.ts';
import type { AccountRecord, StoredKey } from '../../storage/sqlite/accounts.ts';
import type { TopicFeed } from '../bus/topic-feed.ts';
import { ALPACA_CODES, AlpacaError, invalidRequest } from './errors.ts';
import { assetClassOf } from './json.ts';

/** What the Alpaca-compatible API reads from; built in main.ts with the engine in the same process. */
export interface AlpacaDeps {
  system: EngineHandle;
  instruments: InstrumentRegistry;
  /** The market's actors, so a symbol without one is not asked for a price. */
  market?: Market;
  /** Accounts and keys (storage/sqlite/accounts.ts). */
  accounts: { key(keyId: string): StoredKey | null; get(id: string): AccountRecord | null };
  /** Where `trade.<account>` is heard, for the trade_updates stream. */
  topics: TopicFeed;
  /** The engine's clock, epoch ms: /v2/clock. */
  clock: () => number;
  log?: Logger;
}

/** An account command appends to SQLite before it answers: a busy file may take a moment. */
const ACCOUNT_ASK_MS = 5_000;

/** Asks the account's actor; an account whose actor is not running is a 503, not a 500. */
export async function askAccount<R>(deps: AlpacaDeps, accountId: string, msg: { type: string; [k: string]: unknown }): Promise<R> {
  try {
    return await deps.system.ask<R>(accountAddress(accountId), msg, ACCOUNT_ASK_MS);
  } catch (e) {
    if (e instanceof AskFailedError && e.message.includes('no such actor')) {
      throw new AlpacaError(503, ALPACA_CODES.unavailable, `account ${accountId} is not running; accounts written to the database while the server runs start with its next start`);
    }
    throw e;
  }
}

/**
 * The instrument an Alpaca symbol names, in any case; `BTC/USDT` as well as `BTCUSDT` (Alpaca
 * writes crypto pairs with a slash, Tickflow without). Unknown or not tradable: a 422, as an
 * order for an asset Alpaca does not have.
 */
export function tradableInstrument(deps: AlpacaDeps, symbol: string): Instrument {
  const found = deps.instruments.find(symbol) ?? deps.instruments.find(symbol.replace('/', ''));
  if (!found) throw invalidRequest(`asset ${JSON.stringify(symbol)} not found`);
  if (assetClassOf(found) === null) throw invalidRequest(`asset ${found.symbol} is not tradable: it is a ${found.class} series`);
  return found;
}
