import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';


/**
 * Drains the child's stdout for its whole life (a full pipe would block it) and resolves with
 * the URL from the startup line, the only place a port chosen by PORT=0 is told.
 */
function startupUrl(stdout: ReadableStream<Uint8Array>, seen: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    void (async () => {
      const decoder = new TextDecoder();
      let buffered = '';
      for await (const chunk of stdout) {
        buffered += decoder.decode(chunk, { stream: true });
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          seen.push(line);
          const entry = (() => {
            try {
              return JSON.parse(line) as { msg?: string; url?: string };
            } catch {
              return {};
            }
          })();
          if (entry.msg === 'tickflow started' && entry.url) resolve(entry.url);
        }
      }
      reject(new Error(`main.ts ended without a startup line; output:\n${seen.join('\n')}`));
    })();
  });
}

export async function pollHealth(url: string, timeoutMs: number): Promise<Response> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const res = await fetch(new URL('api/health', url)).catch(() => null);
    if (res?.status === 200) return res;
    if (performance.now() > deadline) throw new Error(`no healthy answer from ${url} within ${timeoutMs} ms (last: ${res?.status ?? 'no connection'})`);
    await Bun.sleep(100);
  }
}

/** Starts main.ts on any free port with its own database; resolves once it has said where it listens. */
export const ROOT = new URL('../..', import.meta.url).pathname;

export async function startMain(args: string[], env: Record<string, string> = {}) {
  const child = Bun.spawn([process.execPath, 'main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', WORKERS: '2', LOG_LEVEL: 'info', TICKFLOW_DB: join(mkdtempSync(join(tmpdir(), 'tickflow-')), 'main.db'), ...env },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const seen: string[] = [];
  const url = await Promise.race([
    startupUrl(child.stdout, seen),
    Bun.sleep(15_000).then(() => Promise.reject(new Error(`no startup line within 15 s:\n${seen.join('\n')}`))),
  ]).catch((e) => {
    child.kill('SIGKILL');
    throw e;
  });
  return { child, url, seen };
}

