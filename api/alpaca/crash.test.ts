import { expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apply } from '../../actors/account/apply.ts';
import { auditAccount } from '../../actors/account/audit.ts';
import type { AccountEvent } from '../../actors/account/events.ts';
import { unopened, type AccountState } from '../../actors/account/state.ts';
import { seededRandom } from '../../engine/random.ts';
import { AccountLog } from '../../storage/sqlite/account-log.ts';
import { pollHealth, ROOT } from '../testing/start-main.ts';
import { newLedger, runTraders, type Ledger } from './crash-clients.ts';
import { ADMIN_KEY, keyedClient, lastPrice, waitFor, type Credentials } from './testing.ts';

/**
 * The kill -9 harness (issue #6): a real server (main.ts replaying the market at 600×, so market
 * orders fill within a moment), traded by concurrent HTTP clients through Alpaca's API, killed
 * with SIGKILL at a random moment, again and again, each time started on the same database.
 * After every restart and at the end it checks that:
 *
 * - every order the server acknowledged (a 200) exists, as it was acknowledged;
 * - a submit left unanswered by the kill is either logged or not, and sending it again with its
 *   client_order_id answers the logged one if there is one: never a second order;
 * - nothing filled twice: fill ids (the log event that made each) are unique, each order's
 *   filled quantity is the sum of its fills, each position the signed sum of its fills, and no
 *   fill is stamped before its order;
 * - cash is the opening cash less the fills' signed notional and fees;
 * - the account as the server answers it (cash, positions, orders, fills) is the account the
 *   log replays to in this process.
 *
 * The kill moments come from a seeded generator; the seed is printed, and CRASH_SEED=<seed>
 * replays the same moments (the server's own timing still varies). `npm test` kills 4 times;
 * CRASH_KILLS=<n> asks for more.
 */

const SEED = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000);
const KILLS = Number(process.env['CRASH_KILLS'] ?? 4);
const TRADERS = 6;
const OPENING_CASH = 1_000_000;
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];

type Json = Record<string, unknown>;
interface Main {
  child: Bun.Subprocess;
  url: string;
}

let starts = 0;

/**
 * main.ts on the harness's database, as api/testing's startMain starts it, but with its stderr
 * kept in a file: a start that fails (the point of the harness) says why.
 */
async function start(db: string): Promise<Main> {
  const stderr = join(db, '..', `stderr-${++starts}.log`);
  const child = Bun.spawn([process.execPath, 'main.ts', '--speed', '600'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', WORKERS: '2', LOG_LEVEL: 'info', TICKFLOW_DB: db, ADMIN_KEY, RATE_LIMIT_PER_SEC: '0', MODELS_DIR: 'none' },
    stdout: 'pipe',
    stderr: Bun.file(stderr),
  });
  const url = await new Promise<string | null>((resolve) => {
    void (async () => {
      const decoder = new TextDecoder();
      let buffered = '';
      for await (const chunk of child.stdout) {
        buffered += decoder.decode(chunk, { stream: true });
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          if (!line.includes('"tickflow started"')) continue;
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'tickflow started' && entry.url) resolve(entry.url);
        }
      }
      resolve(null);
    })();
    void Bun.sleep(20_000).then(() => resolve(null));
  });
  if (url !== null) return { child, url };
  child.kill('SIGKILL');
  await child.exited;
  throw new Error(`main.ts did not start on ${db} (exit ${child.exitCode}):\n${await Bun.file(stderr).text()}`);
}

/** The account as its log replays it, read in this process from the database file (the server may be running). */
function fromLog(db: string, accountId: string): { state: AccountState; events: AccountEvent[] } {
  const log = AccountLog.open(db, accountId);
  try {
    const events = log.readSince<AccountEvent>(0);
    const state = unopened(accountId);
    for (const e of events) apply(state, e.event, undefined, e.seq);
    return { state, events: events.map((e) => e.event) };
  } finally {
    log.close();
  }
}

/** Every page of a listing that pages by the last item's id (Alpaca's page_token) or by time (orders' `until`). */
async function allFills(client: ReturnType<typeof keyedClient>): Promise<Json[]> {
  const out: Json[] = [];
  for (;;) {
    const token = out.length === 0 ? '' : `&page_token=${out.at(-1)!['id'] as string}`;
    const page = (await client('GET', `/v2/account/activities/FILL?direction=asc&page_size=100${token}`)).body as Json[];
    out.push(...page);
    if (page.length < 100) return out;
  }
}

/** Each of these orders as the server answers it, fetched 50 at a time. */
async function ordersById(client: ReturnType<typeof keyedClient>, ids: readonly string[]): Promise<Json[]> {
  const out: Json[] = [];
  for (let i = 0; i < ids.length; i += 50) out.push(...(await Promise.all(ids.slice(i, i + 50).map(async (id) => (await client('GET', `/v2/orders/${id}`)).body as Json))));
  return out;
}

/**
 * What must hold after every restart. Every order ever acknowledged is looked for in the log
 * (read here); those acknowledged since the last restart are also asked of the server.
 */
async function checkAfterRestart(base: string, key: Credentials, db: string, ledger: Ledger, checked: Set<string>): Promise<void> {
  const client = keyedClient(base, key);
  const fresh = [...ledger.acked.values()].filter((a) => !checked.has(a.id));
  const served = await ordersById(client, fresh.map((a) => a.id));
  expect(served.map((o) => [o['id'], o['client_order_id'], o['symbol'], o['side'], o['type']])).toEqual(fresh.map((a) => [a.id, a.clientOrderId, a.symbol, a.side, a.type]));
  for (const a of fresh) checked.add(a.id);
  // An unanswered submit sent again: the order the log holds for its client id, or a new one. Never two.
  for (const [clientOrderId, body] of ledger.unanswered) {
    const before = await client('GET', `/v2/orders:by_client_order_id?client_order_id=${clientOrderId}`);
    const again = await client('POST', '/v2/orders', body);
    if (before.status === 200) expect((again.body as Json)['id']).toBe((before.body as Json)['id']);
    const after = await client('GET', `/v2/orders:by_client_order_id?client_order_id=${clientOrderId}`);
    if (again.status !== 200) continue;
    const order = again.body as Json;
    expect((after.body as Json)['id']).toBe(order['id']);
    ledger.acked.set(order['id'] as string, { id: order['id'] as string, clientOrderId, symbol: order['symbol'] as string, side: order['side'] as string, type: order['type'] as string });
  }
  ledger.unanswered.clear();
  const { state, events } = fromLog(db, key.account_id);
  const acked = [...ledger.acked.values()];
  expect(acked.map((a) => [a.id, state.orders[a.id]?.client_order_id, state.orders[a.id]?.symbol, state.orders[a.id]?.side, state.orders[a.id]?.type])).toEqual(acked.map((a) => [a.id, a.clientOrderId, a.symbol, a.side, a.type]));
  expect(auditAccount(state, events)).toEqual([]);
  expect(state.fills.filter((f) => f.at < state.orders[f.orderId]!.created_at).map((f) => f.id)).toEqual([]); // nothing fills on a price from before its order
  const fills = await allFills(client);
  expect(new Set(fills.map((f) => f['id'])).size).toBe(fills.length);
}

test(`kill -9 at random moments loses no acknowledged order and fills nothing twice (seed ${SEED}, ${KILLS} kills)`, async () => {
  console.log(`crash harness: seed ${SEED}, ${KILLS} kills; CRASH_SEED=${SEED} CRASH_KILLS=${KILLS} to run these moments again`);
  const random = seededRandom(SEED);
  const dir = mkdtempSync(join(tmpdir(), 'tickflow-crash-'));
  const db = join(dir, 'main.db');
  const ledger = newLedger();
  const checked = new Set<string>();
  const restartMs: number[] = [];
  let main: Main | undefined;
  try {
    main = await start(db);
    const made = await fetch(new URL('api/admin/accounts', main.url), { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'crash', cash: OPENING_CASH }) });
    expect(made.status).toBe(201);
    const key = (await made.json()) as Credentials;

    for (let cycle = 0; cycle <= KILLS; cycle++) {
      const base = main.url.replace(/\/$/, '');
      const prices: Record<string, number> = {};
      for (const s of SYMBOLS) prices[s] = await lastPrice(main.url, s);
      if (cycle === KILLS) break; // the last start only answers the final checks
      const killIn = 200 + Math.floor(random() * 1_800);
      const child = main.child;
      const kill = Bun.sleep(killIn).then(() => {
        child.kill('SIGKILL');
      });
      await runTraders(TRADERS, { base, key, prices, random, prefix: `s${SEED}-c${cycle}`, ledger, stop: kill });
      await child.exited;
      const restarting = performance.now();
      main = await start(db);
      await pollHealth(main.url, 20_000);
      await waitFor('the account answering again', async () => ((await keyedClient(main!.url.replace(/\/$/, ''), key)('GET', '/v2/account')).status === 200 ? true : undefined));
      restartMs.push(performance.now() - restarting);
      await checkAfterRestart(main.url.replace(/\/$/, ''), key, db, ledger, checked);
    }

    // Quiet the account (no working orders, so nothing fills while it is compared), then compare
    // what the server says with what the log replays to here, and with the fills it serves.
    const client = keyedClient(main.url.replace(/\/$/, ''), key);
    expect((await client('DELETE', '/v2/orders')).status).toBe(207);
    await waitFor('no open orders', async () => (((await client('GET', '/v2/orders?status=open')).body as unknown[]).length === 0 ? true : undefined));
    const { state, events } = fromLog(db, key.account_id);
    expect(auditAccount(state, events)).toEqual([]);
    const account = (await client('GET', '/v2/account')).body as Json;
    expect(Number(account['cash'])).toBe(state.cash);
    const positions = (await client('GET', '/v2/positions')).body as Json[];
    expect(positions.map((p) => [p['symbol'], Number(p['qty']), Number(p['avg_entry_price'])]).sort()).toEqual(Object.values(state.positions).map((p) => [p.symbol, p.qty, p.avgEntryPrice]).sort());
    const logged = Object.values(state.orders).sort((a, b) => (a.id < b.id ? -1 : 1));
    const orders = await ordersById(client, logged.map((o) => o.id));
    expect(orders.map((o) => [o['id'], o['status'], Number(o['filled_qty'])])).toEqual(logged.map((o) => [o.id, o.status, o.filled_qty]));
    // From the fills the server lists alone: cash and positions, as an outside auditor would.
    const fills = await allFills(client);
    expect(fills.map((f) => f['id'])).toEqual(state.fills.map((f) => f.id));
    let cash = OPENING_CASH;
    const held: Record<string, number> = {};
    for (const f of fills) {
      const sign = f['side'] === 'buy' ? 1 : -1;
      const fill = state.fills.find((x) => x.id === f['id'])!;
      cash -= sign * Number(f['qty']) * Number(f['price']) + fill.fee;
      held[f['symbol'] as string] = (held[f['symbol'] as string] ?? 0) + sign * Number(f['qty']);
    }
    expect(Math.abs(cash - state.cash)).toBeLessThan(1e-6);
    expect(positions.filter((p) => Math.abs(held[p['symbol'] as string]! - Number(p['qty'])) > 1e-9)).toEqual([]);

    const statuses = [...ledger.statuses.entries()].sort().map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`crash harness: ${ledger.acked.size} orders acknowledged, ${state.fills.length} fills, ${events.length} log events; answers ${statuses}; restarts answered in ${restartMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`);
    expect(ledger.acked.size).toBeGreaterThan(KILLS * 5); // the kills landed while trading went on
    expect(state.fills.length).toBeGreaterThan(KILLS);
  } finally {
    if (main && main.child.exitCode === null) {
      main.child.kill('SIGTERM');
      await main.child.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000 + KILLS * 15_000);
