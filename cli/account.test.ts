import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../storage/redis/testing/redis-server.ts';
import { AccountStore } from '../storage/sqlite/accounts.ts';
import { open } from '../storage/sqlite/open.ts';

// `tickflow account create` with no server running (the server's side is in api/alpaca/http.test.ts).
const ROOT = join(import.meta.dir, '..');
const dir = mkdtempSync(join(tmpdir(), 'tickflow-cli-account-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tickflow(args: string[], env: Record<string, string> = {}) {
  const { TICKFLOW_DB: _db, PORT: _port, ADMIN_KEY: _key, ...base } = process.env;
  const child = Bun.spawn([process.execPath, 'cli/tickflow.ts', 'account', ...args], { cwd: ROOT, env: { ...base, ...env }, stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { stdout, stderr, code };
}

describe('tickflow account create', () => {
  test('with nothing listening on PORT, the account goes into the database, and the text says where', async () => {
    const db = join(dir, 'offline.db');
    const r = await tickflow(['create', '--name', 'dana', '--cash', '12.5'], { PORT: String(await freePort()), TICKFLOW_DB: db });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^created account [0-9a-f-]{36} \\(dana\\) with 12.5 cash, in ${db} \\(no server at http://127.0.0.1:\\d+; it starts with the server's next start\\)$`));
    const keyId = lines[1]!.replace('APCA-API-KEY-ID=', '');
    const secret = lines[2]!.replace('APCA-API-SECRET-KEY=', '');
    const store = new AccountStore(open(db));
    expect(store.list().map((a) => [a.name, a.cash])).toEqual([['dana', 12.5]]);
    expect(await Bun.password.verify(secret, store.key(keyId)!.secretHash)).toBe(true);
    store.db.close();
  });

  test('an --url nobody answers is exit 1, and nothing is written anywhere', async () => {
    const db = join(dir, 'never.db');
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = await tickflow(['create', '--name', 'x', '--cash', '1', '--url', url], { TICKFLOW_DB: db });
    expect(r).toEqual({ code: 1, stdout: '', stderr: `tickflow account: no server answers at ${url}\n` });
    expect(await Bun.file(db).exists()).toBe(false);
  });

  test.each([
    [[], 'tickflow account: account needs a subcommand: create; --name is required; --cash is required. Run tickflow account --help.'],
    [['remove', '--name', 'x', '--cash', '1'], 'tickflow account: account takes one subcommand, create; got "remove". Run tickflow account --help.'],
    [['create', '--name', 'x', '--cash', '-3'], 'tickflow account: --cash must be an amount like 100000 or 2500.50, got "-3". Run tickflow account --help.'],
    [['create', '--name', ' ', '--cash', '1'], 'tickflow account: --name must not be empty. Run tickflow account --help.'],
    [['create', '--name', 'x', '--cash', '1', '--url', 'ftp://host'], 'tickflow account: --url must be an http(s) URL, got "ftp://host". Run tickflow account --help.'],
    [['create', '--name', 'x', '--cash', '1', '--json', '--json'], 'tickflow account: --json given twice. Run tickflow account --help.'],
  ])('%j is a usage error: exit 2', async (args, message) => {
    expect(await tickflow(args)).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });
});
