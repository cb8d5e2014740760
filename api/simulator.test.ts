import { afterAll, describe, expect, test } from 'bun:test';
import { bundledBars, crypto1m } from '../data/read.ts';
import { startMain } from './testing/start-main.ts';

type Main = Awaited<ReturnType<typeof startMain>>;

const ADMIN_KEY = 'simulator-admin-key-0123456789';
const FROM = Date.UTC(2021, 3, 12);
const TO = Date.UTC(2021, 3, 14);
const running: Main[] = [];
afterAll(async () => {
  for (const m of running) {
    if (m.child.exitCode === null) m.child.kill('SIGTERM');
    await m.child.exited;
  }
});

async function simulate(speed: string, from: string, to: string): Promise<Main> {
  const main = await startMain(['--replay', from, to, '--speed', speed], { ADMIN_KEY });
  running.push(main);
  return main;
}

/** An account in the simulation's own database, and fetch with its Alpaca keys. */
async function alpacaAccount(url: string) {
  const made = await fetch(new URL('api/admin/accounts', url), { method: 'POST', headers: { 'X-API-Key': ADMIN_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bot', cash: 100_000 }) });
  expect(made.status).toBe(201);
  const { key_id, secret } = (await made.json()) as { key_id: string; secret: string };
  const headers = { 'APCA-API-KEY-ID': key_id, 'APCA-API-SECRET-KEY': secret, 'content-type': 'application/json' };
  return async <T = any>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(new URL(path, url), { ...init, headers });
    return { status: res.status, body: (await res.json()) as T };
  };
}

const clockTime = async (alpaca: Awaited<ReturnType<typeof alpacaAccount>>) => Date.parse((await alpaca<{ timestamp: string }>('v2/clock')).body.timestamp);

async function until<T>(what: string | (() => string), check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await Bun.sleep(100);
  }
}

/**
 * `npm start -- --replay <from> <to>`: the market simulator. The whole edge over a replayed
 * range of history on simulated time, so a bot trades "live" against April 2021.
 */
describe('the market simulator', () => {
  test('/v2/clock tells simulated time, which moves at the speed asked; a market order fills at a print of its simulated minute', async () => {
    const { url } = await simulate('600', '2021-04-12', '2021-04-14');
    const alpaca = await alpacaAccount(url);
    const first = await clockTime(alpaca);
    expect(first).toBeGreaterThanOrEqual(FROM);
    const second = await until('the clock to move', async () => {
      const t = await clockTime(alpaca);
      return t > first ? t : undefined;
    });
    expect(second).toBeLessThan(TO);

    const submitted = await alpaca('v2/orders', { method: 'POST', body: JSON.stringify({ symbol: 'BTCUSDT', qty: '0.01', side: 'buy', type: 'market', time_in_force: 'gtc' }) });
    expect(submitted.status).toBe(200);
    let order: unknown;
    const filled = await until(() => `the fill (last seen: ${JSON.stringify(order)})`, async () => {
      const { body } = await alpaca<{ status: string; filled_at: string; filled_avg_price: string }>(`v2/orders/${(submitted.body as { id: string }).id}`);
      order = { status: body.status, clock: await clockTime(alpaca) };
      return body.status === 'filled' ? body : undefined;
    });
    // Filled in April 2021 at one of the four prints its minute's bar is replayed as.
    const at = Date.parse(filled.filled_at);
    expect(at).toBeGreaterThanOrEqual(first);
    expect(at).toBeLessThan(TO);
    const minute = bundledBars(crypto1m('BTCUSDT')).find((b) => b.openTime === Math.floor(at / 60_000) * 60_000)!;
    expect([minute.open, minute.high, minute.low, minute.close]).toContain(Number(filled.filled_avg_price));

    // The rest of the API runs on the same history.
    const symbol = (await (await fetch(new URL('api/symbols/btcusdt', url))).json()) as { time: number };
    expect(symbol.time).toBeGreaterThanOrEqual(FROM);
    expect(symbol.time).toBeLessThan(TO);
  }, 60_000);

  test('at full speed the simulation plays its range once and stops at its end, still serving', async () => {
    const { url, seen } = await simulate('max', '2021-04-20T00:00Z', '2021-04-20T06:00Z');
    const alpaca = await alpacaAccount(url);
    const end = Date.UTC(2021, 3, 20, 6);
    await until('the end of the range', async () => ((await clockTime(alpaca)) === end ? true : undefined));
    await until('the end in the log', async () => (seen.some((l) => l.includes('simulation reached its end')) ? true : undefined));
    const candles = (await (await fetch(new URL('api/asset/BTCUSDT/candles?tf=1h&limit=10', url))).json()) as { candles: { openTime: number }[] };
    // Every hour of the range with bars in it (the halt of 02:00–04:00 has none), but the last,
    // which no print after the range closes, and nothing after the range.
    const hourOf = (t: number) => Math.floor(t / 3_600_000) * 3_600_000;
    const played = new Set(bundledBars(crypto1m('BTCUSDT')).flatMap((b) => (b.openTime >= Date.UTC(2021, 3, 20) && b.openTime < end ? [hourOf(b.openTime)] : [])));
    const expected = [...played].slice(0, -1);
    expect(candles.candles.map((c) => c.openTime).filter((t) => t >= Date.UTC(2021, 3, 20))).toEqual(expected);
  }, 60_000);
});
