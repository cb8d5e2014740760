/**
 * The composition root: reads the environment, starts the actor system with the demo kinds,
 * serves the HTTP edge, and shuts everything down on SIGINT/SIGTERM. The only file that knows
 * how the pieces fit; each of them can be started alone in a test.
 */
import { spawnDemo } from './actors/demo/spawn.ts';
import { createApp } from './api/app.ts';
import { startServer } from './api/server.ts';
import { loadConfig } from './config/env.ts';
import { ActorSystem } from './engine/index.ts';
import { createLogger } from './log/logger.ts';

const startedAt = Date.now();
const loaded = loadConfig();
if (!loaded.ok) {
  console.error(loaded.error);
  process.exit(1);
}
const config = loaded.config;
const log = createLogger(config.logLevel);
const { version } = (await Bun.file(new URL('./package.json', import.meta.url)).json()) as { version: string };

const system = await ActorSystem.start({
  workers: config.workers,
  behaviours: [new URL('./actors/demo/index.ts', import.meta.url).href],
});
system.onEvent((event) => log.info('engine event', { event }));
const demo = spawnDemo(system);

const server = startServer(createApp({ system, startedAt, version, log, demoBoard: demo.board }), { port: config.port, host: config.host });
log.info('tickflow started', { url: server.url, port: server.port, version, workers: config.workers, actors: demo.tickers.length + 1 });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  // A stuck worker must not keep the process alive past what an orchestrator will wait for.
  setTimeout(() => {
    log.error('shutdown timed out', { signal });
    process.exit(1);
  }, 10_000).unref();
  try {
    await server.stop();
    await system.shutdown();
  } catch (e) {
    log.error('shutdown failed', { signal, error: String(e) });
    process.exit(1);
  }
  log.info('stopped', { signal });
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
