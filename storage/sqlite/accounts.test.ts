import { Database } from 'bun:sqlite';
import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZodError } from 'zod';
import { AccountLog } from './account-log.ts';
import { AccountStore } from './accounts.ts';
import { MIGRATIONS, migrate } from './migrations.ts';
import { open } from './open.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-accounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('an account is stored with its key; the secret only as an argon2id hash that verifies it', async () => {
  const path = join(dir, 'a.db');
  const store = new AccountStore(open(path));
  const made = await store.create({ name: '  alice  ', cash: 25_000 }, 1_700_000_000_000);
  expect(made.account).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'alice', cash: 25_000, createdAt: 1_700_000_000_000 });
  expect(made.keyId).toMatch(/^PK[A-Z0-9]{18}$/);
  expect(made.secret).toMatch(/^[A-Za-z0-9]{40}$/);
  store.db.close();

  // Another connection, as the server reading what the CLI wrote.
  const again = new AccountStore(open(path));
  expect(again.get(made.account.id)).toEqual(made.account);
  const key = again.key(made.keyId)!;
  expect(key.accountId).toBe(made.account.id);
  expect(key.secretHash).toStartWith('$argon2id$');
  expect(key.secretHash).not.toContain(made.secret);
  expect(await Bun.password.verify(made.secret, key.secretHash)).toBe(true);
  expect(await Bun.password.verify(`${made.secret}x`, key.secretHash)).toBe(false);
  expect(again.key('PKNOBODYHOLDSTHIS000')).toBeNull();
  expect(again.get('no-such-account')).toBeNull();
  again.db.close();
});

test('accounts list oldest first; every account and key gets its own id', async () => {
  const store = new AccountStore(open(':memory:'));
  const b = await store.create({ name: 'b', cash: 1 }, 2_000);
  const a = await store.create({ name: 'a', cash: 0 }, 1_000);
  expect(store.list().map((r) => r.name)).toEqual(['a', 'b']);
  expect(a.account.id).not.toBe(b.account.id);
  expect(a.keyId).not.toBe(b.keyId);
  expect(a.secret).not.toBe(b.secret);
  store.db.close();
});

test('a bad name or cash is refused with a message naming the field, and nothing is written', async () => {
  const store = new AccountStore(open(':memory:'));
  const refused = async (input: { name: string; cash: number }) => {
    const e = await store.create(input, 0).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ZodError);
    return (e as ZodError).issues.map((i) => i.message);
  };
  expect(await refused({ name: ' ', cash: 10 })).toEqual(['name must not be empty']);
  expect(await refused({ name: 'x', cash: -5 })).toEqual(['cash must be 0 or more, got -5']);
  expect(await refused({ name: 'x', cash: Number.NaN })).toHaveLength(1);
  expect(store.list()).toEqual([]);
  store.db.close();
});

test('step 3 takes over the log tables a database already made for itself, keeping their rows', () => {
  const path = join(dir, 'older.db');
  // A database from before step 3: steps 1 and 2, and the log tables as account-log.ts made them.
  const db = new Database(path, { create: true, strict: true });
  migrate(db, MIGRATIONS.slice(0, 2));
  db.run(`CREATE TABLE account_events (account_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY (account_id, seq)) WITHOUT ROWID, STRICT;
          CREATE TABLE account_snapshots (account_id TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL, PRIMARY KEY (account_id, seq)) WITHOUT ROWID, STRICT;`);
  db.run(`INSERT INTO account_events VALUES ('acc', 1, '{"add":1}')`);
  db.close();

  const log = AccountLog.open(path, 'acc'); // open() migrates it to the last step
  expect(log.db.query('SELECT max(version) AS v FROM schema_version').get()).toEqual({ v: MIGRATIONS.length });
  expect(log.readSince(0)).toEqual([{ seq: 1, event: { add: 1 } }]);
  expect(log.append([{ add: 2 }])).toBe(2);
  log.close();
});
