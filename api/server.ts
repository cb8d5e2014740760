import type { App } from './app.ts';

export interface RunningServer {
  /** Where the server listens, e.g. `http://127.0.0.1:3000/`. */
  url: string;
  /** The bound port: the real one when 0 asked for any free port. */
  port: number;
  /** Stops accepting, closes open connections, resolves once closed. */
  stop(): Promise<void>;
}

export function startServer(app: App, opts: { port: number; host: string }): RunningServer {
  const server = Bun.serve({ fetch: app.fetch, port: opts.port, hostname: opts.host });
  return {
    url: server.url.href,
    port: server.port ?? opts.port,
    // Closing active (keep-alive) connections too, or a shutdown waits on idle clients.
    stop: () => server.stop(true),
  };
}
