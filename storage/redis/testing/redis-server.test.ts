import { readFileSync } from 'node:fs';
import { afterAll, expect, test } from 'bun:test';
import { ping, startRedisServer, type RedisServer } from './redis-server.ts';

const started: RedisServer[] = [];
afterAll(async () => {
  for (const s of started) await s.dispose();
});

/** Running, as opposed to gone or a zombie waiting for a parent that exited to be reaped. */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
};

test('starts a redis-server on a free port (never 6379), stops it by pid and starts it again on the same port', async () => {
  const server = await startRedisServer();
  started.push(server);
  expect(server.port).not.toBe(6379);
  expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
  expect(await ping(server.port)).toBe(true);
  const pid = server.pid!;

  await server.stop();
  expect(server.running).toBe(false);
  expect(alive(pid)).toBe(false);
  expect(await ping(server.port)).toBe(false);

  await server.start();
  expect(server.pid).not.toBe(pid);
  expect(await ping(server.port)).toBe(true);

  await server.flushAll();
  await server.stop('SIGKILL');
  expect(await ping(server.port)).toBe(false);
  await expect(server.flushAll()).rejects.toThrow(/FLUSHALL/);
  await server.start();
  expect(await ping(server.port)).toBe(true);
});

test('two servers get two ports; dispose is idempotent and leaves no process', async () => {
  const [a, b] = await Promise.all([startRedisServer(), startRedisServer()]);
  started.push(a, b);
  expect(a.port).not.toBe(b.port);
  const pids = [a.pid!, b.pid!];
  await a.dispose();
  await a.dispose();
  await b.dispose();
  expect(pids.map(alive)).toEqual([false, false]);
});

test('a server that cannot start says why', async () => {
  await expect(startRedisServer({ bin: 'false', readyTimeoutMs: 2_000 })).rejects.toThrow(/exited/);
});

test('a test process that dies leaves no redis-server behind', async () => {
  // A child bun starts a server and exits without disposing it; its exit hook must kill it.
  const script = `import { startRedisServer } from ${JSON.stringify(new URL('./redis-server.ts', import.meta.url).pathname)};
const s = await startRedisServer(); console.log(s.pid); process.exit(1);`;
  const child = Bun.spawn([process.execPath, '-e', script], { stdout: 'pipe', stderr: 'inherit' });
  const pid = Number((await new Response(child.stdout).text()).trim());
  await child.exited;
  expect(pid).toBeGreaterThan(0);
  // SIGKILL was sent before the child exited; the kernel finishes the kill a moment later.
  const deadline = performance.now() + 2_000;
  while (alive(pid) && performance.now() < deadline) await Bun.sleep(5);
  expect(alive(pid)).toBe(false);
});
