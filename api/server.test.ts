import { expect, test } from 'bun:test';
import type { Health } from './health.ts';
import { pollHealth, ROOT, startMain } from './testing/start-main.ts';

test('main.ts serves a healthy engine and exits 0 on SIGTERM', async () => {
  const { child, url } = await startMain([]);
  try {
    const body = (await (await pollHealth(url, 15_000)).json()) as Health;
    expect(body.status).toBe('ok');
    expect(body.engine.workers).toHaveLength(2);
    expect(body.engine.workers.every((w) => w.alive)).toBe(true);
    expect(body.engine.workers.reduce((n, w) => n + w.actors, 0)).toBe(62); // 54 symbols, two replay feeds (1m crypto, daily stocks and macro), the candle store, three class summaries, a forecaster per worker

    // The replayed market is live: within a few seconds BTCUSDT has prints and a forming candle.
    const deadline = performance.now() + 10_000;
    let view = { last: null as number | null, forming: {} as Record<string, { prints: number }> };
    while (view.last === null && performance.now() < deadline) {
      await Bun.sleep(200);
      view = (await (await fetch(new URL('api/symbols/btcusdt', url))).json()) as typeof view;
    }
    expect(view.last).toBeGreaterThan(0);
    expect(view.forming['1d']!.prints).toBeGreaterThan(0);

    process.kill(child.pid, 'SIGTERM');
    expect(await child.exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 40_000);

test('main.ts refuses a bad environment with exit code 1 and a message naming the variable', async () => {
  const child = Bun.spawn([process.execPath, 'main.ts'], { cwd: ROOT, env: { ...process.env, PORT: 'abc' }, stdout: 'pipe', stderr: 'pipe' });
  expect(await child.exited).toBe(1);
  expect(await new Response(child.stderr).text()).toContain('PORT must be an integer');
});

test('--live with no reachable venue: the feed keeps retrying and says so; the engine stays healthy', async () => {
  // Port 9 on loopback: nothing listens, the connection is refused at once, as with no network.
  const { child, url, seen } = await startMain(['--live'], { BINANCE_WS_BASE: 'ws://127.0.0.1:9', BINANCE_REST_BASE: 'http://127.0.0.1:9' });
  try {
    const deadline = performance.now() + 10_000;
    while (!seen.some((l) => l.includes('"state":"backoff"')) && performance.now() < deadline) await Bun.sleep(100);
    expect(seen.some((l) => l.includes('"feed"') && l.includes('"state":"backoff"'))).toBe(true);
    expect((await fetch(new URL('api/health', url))).status).toBe(200);
    process.kill(child.pid, 'SIGTERM');
    expect(await child.exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 40_000);
