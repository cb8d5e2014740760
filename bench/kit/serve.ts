// Starting a server process for a bench: on a free port, ready once a path answers 2xx there,
// stopped by its pid.
import { freePort } from '../../storage/redis/testing/redis-server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface ServedProcess {
  port: number;
  stop(): Promise<void>;
}

/** Runs `cmd` from the repository root with PORT and HOST set, and resolves once `readyPath` answers 2xx. */
export async function serve(cmd: string[], env: Record<string, string>, readyPath: string): Promise<ServedProcess> {
  const port = await freePort();
  const proc = Bun.spawn(cmd, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdout: 'pipe', stderr: 'inherit' });
  void (async () => { for await (const _ of proc.stdout); })(); // keep draining its log
  const stop = async () => {
    proc.kill('SIGTERM');
    await proc.exited;
  };
  for (let i = 0; i < 300; i++) {
    if (await fetch(`http://127.0.0.1:${port}${readyPath}`).then((r) => r.ok, () => false)) return { port, stop };
    await Bun.sleep(100);
  }
  await stop();
  throw new Error(`${cmd.join(' ')} did not answer on ${port}`);
}
