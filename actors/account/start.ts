import { address, type ActorSystem, type Address } from '../../engine/index.ts';
import { AccountStore, type AccountRecord } from '../../storage/sqlite/accounts.ts';
import { open } from '../../storage/sqlite/open.ts';

/** The account kind's behaviour module, for `ActorSystem.start({ behaviours })` beside the market's. */
export const ACCOUNT_KINDS = [new URL('./index.ts', import.meta.url).href];

export const accountAddress = (accountId: string): Address => address('account', accountId);

/**
 * Starts one account's actor. Its log lives in `db`, the same file as the accounts table; the
 * cash is used only for the opening event of an empty log — afterwards the log rules.
 */
export function spawnAccount(system: Pick<ActorSystem, 'spawn'>, db: string, account: AccountRecord): Address {
  return system.spawn('account', account.id, { accountId: account.id, db, cash: account.cash });
}

/** At engine start: an actor for every account in the database, each recovering from its log. */
export function spawnAccounts(system: Pick<ActorSystem, 'spawn'>, db: string): Address[] {
  const conn = open(db);
  try {
    return new AccountStore(conn).list().map((a) => spawnAccount(system, db, a));
  } finally {
    conn.close();
  }
}
