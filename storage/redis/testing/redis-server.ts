import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real `redis-server` for tests: its own temporary directory, a free port on 127.0.0.1, no
 * persistence. Tests stop and start it again on the same port to play "Redis went away". Every
 * server still running when the test process exits is killed, so a failing test leaves none behind.
 */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** The running process's id; undefined while stopped. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Kills the process by its pid (SIGTERM, or SIGKILL for an abrupt death) and waits for it to exit. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same port (empty: nothing was saved) and waits until it answers PING. */
  start(): Promise<void>;
  /** Empties every database: a clean slate between tests sharing one server. */
  flushAll(): Promise<void>;
  /** Stops it if running and removes its directory; safe to call twice. */
  dispose(): Promise<void>;
}

export interface RedisServerOptions {
  /** How long to wait for PING to answer, per start. */
  readyTimeoutMs?: number;
  /** The executable; `redis-server` from PATH by default. */
  bin?: string;
}

const live = new Set<number>();
let exitHookInstalled = false;

function killAll(): void {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous on purpose: 'exit' handlers cannot await. A test run that fails still exits
  // through here; one interrupted (Ctrl-C, a CI timeout) kills its servers, then dies of the
  // same signal as it would have without this hook.
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

/** A port nobody listens on right now; the kernel picks it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Sends one inline command and resolves with the first chunk of the answer ('' when none came). */
function inline(port: number, command: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (answer: string) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(''));
    socket.on('error', () => done(''));
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (d) => done(d.toString()));
  });
}

/** True when the server on `port` answers PING with PONG. */
export async function ping(port: number, timeoutMs = 500): Promise<boolean> {
  return (await inline(port, 'PING', timeoutMs)).startsWith('+PONG');
}

/** Starts a redis-server on a free port and resolves once it answers PING. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  installExitHook();
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  const bin = options.bin ?? 'redis-server';
  const dir = mkdtempSync(join(tmpdir(), 'tickflow-redis-'));
  const logfile = join(dir, 'redis.log');
  let port = 0;
  let child: ReturnType<typeof Bun.spawn> | undefined;

  const readLog = () => {
    try {
      return readFileSync(logfile, 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      return '(no log)';
    }
  };

  const launch = async (): Promise<void> => {
    const proc = Bun.spawn([bin, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', logfile, '--daemonize', 'no'], {
      stdin: 'ignore',
      stdout: 'ignore',
      stderr: 'ignore',
    });
    child = proc;
    live.add(proc.pid);
    const deadline = performance.now() + readyTimeoutMs;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        live.delete(proc.pid);
        child = undefined;
        throw new Error(`redis-server on port ${port} exited (${proc.exitCode ?? proc.signalCode}) before answering PING:\n${readLog()}`);
      }
      if (await ping(port)) return;
      if (performance.now() > deadline) {
        await stop('SIGKILL');
        throw new Error(`redis-server on port ${port} did not answer PING within ${readyTimeoutMs} ms:\n${readLog()}`);
      }
      await Bun.sleep(10);
    }
  };

  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> => {
    const proc = child;
    if (!proc) return;
    child = undefined;
    try {
      process.kill(proc.pid, signal);
    } catch {
      // already gone
    }
    await proc.exited;
    live.delete(proc.pid);
  };

  // The port was free a moment ago; another process may take it before redis binds. Retry with a new one.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (e) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== undefined;
    },
    stop,
    start: async () => {
      if (child) return;
      await launch();
    },
    flushAll: async () => {
      const answer = await inline(port, 'FLUSHALL', 2_000);
      if (!answer.startsWith('+OK')) throw new Error(`FLUSHALL on port ${port} answered ${JSON.stringify(answer)}`);
    },
    dispose: async () => {
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
