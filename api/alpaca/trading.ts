import { spawnAccount, spawnAccounts } from '../../actors/account/start.ts';
import type { Market } from '../../actors/market.ts';
import type { ActorSystem } from '../../engine/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { InstrumentRegistry } from '../../market/instruments/index.ts';
import { AccountStore } from '../../storage/sqlite/accounts.ts';
import { open } from '../../storage/sqlite/open.ts';
import type { TopicFeed } from '../bus/topic-feed.ts';
import type { AccountAdmin } from '../routes/admin-accounts.ts';
import { KeyVerifier } from './auth.ts';
import type { AlpacaDeps } from './deps.ts';
import { createTradeStream, type TradeStream } from './stream.ts';

export interface Trading {
  /** For `createApp({ trading })`. */
  deps: { alpaca: AlpacaDeps; verifier: KeyVerifier; accounts: AccountAdmin };
  /** For `startServer(..., stream)`: `/stream`. */
  stream: TradeStream;
  /** The accounts running at start. */
  accounts: number;
  close(): void;
}

/**
 * Paper trading on a running engine (main.ts): an actor for every account in the database, the
 * accounts store the edge checks keys against (its own connection to the same file), the admin
 * side that creates accounts and starts them at once, and the trade stream. The engine must have
 * been started with the account kind (actors/account/start.ts ACCOUNT_KINDS).
 */
export function startTrading(o: { system: ActorSystem; db: string; topics: TopicFeed; instruments: InstrumentRegistry; market?: Market; log: Logger }): Trading {
  const started = spawnAccounts(o.system, o.db);
  const store = new AccountStore(open(o.db));
  const verifier = new KeyVerifier(store);
  const accounts: AccountAdmin = {
    async create(input) {
      // When the account was made is a wall-clock fact, whatever market time its trades will carry.
      const made = await store.create(input, Date.now());
      spawnAccount(o.system, o.db, made.account);
      o.log.info('account created', { account: made.account.id, name: made.account.name, keyId: made.keyId });
      return made;
    },
    list: () => store.list(),
  };
  const alpaca: AlpacaDeps = {
    system: o.system,
    instruments: o.instruments,
    ...(o.market ? { market: o.market } : {}),
    accounts: store,
    topics: o.topics,
    clock: () => o.system.clock.now(),
    log: o.log,
  };
  return {
    deps: { alpaca, verifier, accounts },
    stream: createTradeStream({ topics: o.topics, verifier, log: o.log }),
    accounts: started.length,
    close: () => store.db.close(),
  };
}
