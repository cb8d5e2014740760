import type { Database } from 'bun:sqlite';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * Paper-trading accounts and their API keys (schema step 3 of `migrations.ts`). An account is an
 * id, a name, its starting cash and when it was made; its trading state lives in its event log
 * (`account-log.ts`), not here. A key is Alpaca's pair: a key id, public, and a secret shown once
 * when it is made and kept only as its Bun.password hash (argon2id, salted): a copied database
 * gives nobody a working key.
 */

export interface AccountRecord {
  readonly id: string;
  readonly name: string;
  readonly cash: number;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** What creating an account answers, once: the only time the secret exists in clear. */
export interface NewAccount {
  readonly account: AccountRecord;
  readonly keyId: string;
  readonly secret: string;
}

export interface StoredKey {
  readonly keyId: string;
  readonly accountId: string;
  readonly secretHash: string;
}

/** What an account is made from; checked here too, since the CLI and the admin route both call it. */
export const newAccountSchema = z.object({
  name: z
    .string({ error: 'name must be a string' })
    .trim()
    .min(1, 'name must not be empty')
    .max(100, { error: (i) => `name must be at most 100 characters, got ${String((i.input as string).length)}` }),
  cash: z
    .number({ error: (i) => `cash must be a number, got ${JSON.stringify(i.input)}` })
    .min(0, { error: (i) => `cash must be 0 or more, got ${String(i.input)}` })
    .max(1e12, 'cash must be at most 1,000,000,000,000'),
});
export type NewAccountInput = z.input<typeof newAccountSchema>;

const accountRow = z.object({ id: z.string(), name: z.string(), cash: z.number(), created_at: z.number().int() });
const keyRow = z.object({ key_id: z.string(), account_id: z.string(), secret_hash: z.string() });

const toRecord = (r: z.infer<typeof accountRow>): AccountRecord => ({ id: r.id, name: r.name, cash: r.cash, createdAt: r.created_at });

// Alpaca's shapes: key ids are "PK" and 18 upper-case letters or digits; secrets 40 characters.
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of `alphabet`, uniformly: bytes past the largest multiple of its size are drawn again. */
function randomText(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit && out.length < length) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}

export const newKeyId = (): string => `PK${randomText(KEY_ALPHABET, 18)}`;
export const newSecret = (): string => randomText(SECRET_ALPHABET, 40);

export class AccountStore {
  constructor(readonly db: Database) {}

  /**
   * Makes an account and its first key, in one transaction. The secret is hashed before the
   * transaction (argon2id is slow on purpose), so a writer waiting on the lock waits for
   * an insert, not a hash. Throws a ZodError naming the field for a bad name or cash.
   */
  async create(input: NewAccountInput, now: number): Promise<NewAccount> {
    const { name, cash } = newAccountSchema.parse(input);
    const account: AccountRecord = { id: randomUUID(), name, cash, createdAt: now };
    const keyId = newKeyId();
    const secret = newSecret();
    const secretHash = await Bun.password.hash(secret, { algorithm: 'argon2id' });
    this.db.transaction(() => {
      this.db.run('INSERT INTO accounts (id, name, cash, created_at) VALUES (?, ?, ?, ?)', [account.id, name, cash, now]);
      this.db.run('INSERT INTO account_keys (key_id, account_id, secret_hash, created_at) VALUES (?, ?, ?, ?)', [keyId, account.id, secretHash, now]);
    }).immediate();
    return { account, keyId, secret };
  }

  /** Every account, oldest first. */
  list(): AccountRecord[] {
    return this.db
      .query('SELECT id, name, cash, created_at FROM accounts ORDER BY created_at, id')
      .all()
      .map((r) => toRecord(accountRow.parse(r)));
  }

  get(id: string): AccountRecord | null {
    const r = this.db.query('SELECT id, name, cash, created_at FROM accounts WHERE id = ?').get(id);
    return r === null ? null : toRecord(accountRow.parse(r));
  }

  /** The key with this id, with its account and the secret's hash; null for a key nobody holds. */
  key(keyId: string): StoredKey | null {
    const r = this.db.query('SELECT key_id, account_id, secret_hash FROM account_keys WHERE key_id = ?').get(keyId);
    if (r === null) return null;
    const k = keyRow.parse(r);
    return { keyId: k.key_id, accountId: k.account_id, secretHash: k.secret_hash };
  }
}
