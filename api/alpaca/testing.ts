// Helpers for the Alpaca API's tests: a real Tickflow server (main.ts in its own process, on a
// free port, with its own SQLite file), accounts made by the real CLI, and requests with a key.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startMain } from '../testing/start-main.ts';

export const ADMIN_KEY = 'an-admin-key-of-32-characters-xx';

export interface TradingServer {
  url: string;
  /** Without the trailing slash, as Alpaca's client joins paths to it. */
  base: string;
  db: string;
  child: Bun.Subprocess;
  /** SIGTERM by pid; resolves with the exit code. */
  stop(): Promise<number>;
}

/**
 * main.ts replaying the bundled market at 600× (a 1m bar every 0.1 s, so market orders fill
 * within a moment), with the admin key set and no rate limit (a test is one client firing fast).
 */
export async function startTradingServer(db = join(mkdtempSync(join(tmpdir(), 'tickflow-alpaca-')), 'main.db')): Promise<TradingServer> {
  const { child, url } = await startMain(['--speed', '600'], { TICKFLOW_DB: db, ADMIN_KEY, RATE_LIMIT_PER_SEC: '0' });
  return {
    url,
    base: url.replace(/\/$/, ''),
    db,
    child,
    async stop() {
      if (child.exitCode === null) process.kill(child.pid, 'SIGTERM');
      return child.exited;
    },
  };
}

export interface Credentials {
  account_id: string;
  key_id: string;
  secret: string;
}

/** `tickflow account create ... --json`, the real CLI in a child process; resolves with its one JSON line. */
export async function cliCreateAccount(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; credentials: Credentials | null }> {
  const { TICKFLOW_DB: _db, PORT: _port, ADMIN_KEY: _key, ...base } = process.env;
  const child = Bun.spawn([process.execPath, 'cli/tickflow.ts', 'account', 'create', ...args], { cwd: ROOT, env: { ...base, ...env }, stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const lines = stdout.trimEnd().split('\n');
  const credentials = code === 0 && args.includes('--json') && lines.length === 1 ? (JSON.parse(lines[0]!) as Credentials) : null;
  return { code, stdout, stderr, credentials };
}

/** A fetch to the server with an account's key pair, answering status and parsed JSON (null for no body). */
export function keyedClient(base: string, c: Pick<Credentials, 'key_id' | 'secret'>) {
  return async (method: string, path: string, body?: string | object) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'APCA-API-KEY-ID': c.key_id, 'APCA-API-SECRET-KEY': c.secret, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  };
}

/** Waits for `check` to return a value (not undefined), polling; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(50);
  }
}

/** The last price of a symbol, from Tickflow's own API, once its replay has printed. */
export const lastPrice = (url: string, symbol: string) =>
  waitFor(`a price for ${symbol}`, async () => {
    const view = (await (await fetch(new URL(`api/symbols/${symbol}`, url))).json()) as { last: number | null };
    return view.last ?? undefined;
  });
