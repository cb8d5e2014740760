/**
 * The composition root: reads the environment and the instrument universe, starts the actor
 * system, runs the bundled market data as a live market, serves the HTTP edge, and shuts
 * everything down on SIGINT/SIGTERM. With `--edge-only` it serves the edge of an engine that
 * runs in another process, through Redis. The only file that knows how the pieces fit; each of them
 * can be started alone in a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_KINDS } from './actors/account/start.ts';
import { NOTIFY_KINDS, startNotifications } from './actors/notify/start.ts';
import { Registry } from './api/metrics/registry.ts';
import { strategyAdmin } from './actors/strategy/admin.ts';
import { restoreStrategies, STRATEGY_KINDS } from './actors/strategy/start.ts';
import { MARKET_KINDS, MARKET_PLACEMENT, startLiveMarket, startReplayMarket, universeOf, type Market } from './actors/market.ts';
import { startTrading, type Trading } from './api/alpaca/trading.ts';
import { createApp, type AppDeps } from './api/app.ts';
import { bridgeTopics } from './api/bus/redis-bridge.ts';
import { remoteEngine, serveEngine } from './api/bus/redis-engine.ts';
import { redisTopicFeed } from './api/bus/redis-topic-feed.ts';
import { localTopicFeed, type TopicFeed } from './api/bus/topic-feed.ts';
import { memoryCache, redisCache } from './api/cache/index.ts';
import { createWsEdge } from './api/ws/index.ts';
import { CandleHistory } from './api/routes/history.ts';
import { startServer } from './api/server.ts';
import { loadEdgeConfig } from './config/edge-env.ts';
import { loadConfig } from './config/env.ts';
import { parseStartArgs, START_HELP } from './config/start-args.ts';
import { loadInstruments } from './config/instruments.ts';
import { ActorSystem, paceSimulation, type EngineHandle, type Pacer } from './engine/index.ts';
import { createLogger } from './log/logger.ts';

const startedAt = Date.now();
const flags = parseStartArgs(process.argv.slice(2));
if (!flags.ok || flags.args.help) {
  if (flags.ok) console.log(START_HELP);
  else console.error(`tickflow: ${flags.error}\n\n${START_HELP}`);
  process.exit(flags.ok ? 0 : 2);
}
const loaded = loadConfig();
if (!loaded.ok) {
  console.error(loaded.error);
  process.exit(1);
}
const config = loaded.config;
const instruments = await loadInstruments();
if (!instruments.ok) {
  console.error(instruments.error);
  process.exit(1);
}
const edge = loadEdgeConfig();
if (!edge.ok) {
  console.error(edge.error);
  process.exit(1);
}
const args = flags.args;
const registry = instruments.registry;
const log = createLogger(config.logLevel);
// The process's metrics: the edge's, and the webhooks' deliveries.
const metrics = new Registry();
const { version } = (await Bun.file(new URL('./package.json', import.meta.url)).json()) as { version: string };

/** The engine, its market and what it shares through Redis; or, with --edge-only, the link to one elsewhere. */
interface EngineSide {
  engine: EngineHandle;
  topics: TopicFeed;
  market?: Market;
  /** Paper accounts and the Alpaca-compatible API: only where the engine runs. */
  trading?: Trading;
  /** Strategies (/api/strategies): only where the engine runs. */
  strategies?: AppDeps['strategies'];
  describe: Record<string, unknown>;
  /** The SQLite file candle history is read from: TICKFLOW_DB, or a simulation's own. */
  db: string;
  /** With --replay: plays the simulation at its speed, once the edge serves. */
  run?(): void;
  close(): Promise<void>;
}

/** A first replay starts with three days of each pair stored as history: charts, indicators and forecasts at once. */
const DEMO_HISTORY_BARS = 3 * 1_440;

async function startEngine(redisUrl: string | undefined): Promise<EngineSide> {
  // --replay: a simulation on simulated time, in a database of its own (its accounts and candles
  // belong to that run and its dates); otherwise the demo or the live venues on the wall clock.
  const range = args.replay;
  const simDir = range ? mkdtempSync(join(tmpdir(), 'tickflow-sim-')) : null;
  const db = simDir ? join(simDir, 'tickflow.db') : config.db;
  const clock = range ? { clock: 'sim' as const, simStart: range.from } : {};
  const system = await ActorSystem.start({ workers: config.workers, behaviours: [...MARKET_KINDS, ...ACCOUNT_KINDS, ...STRATEGY_KINDS, ...NOTIFY_KINDS], placement: MARKET_PLACEMENT, ...clock });
  system.onEvent((event) => log.info('engine event', { event }));
  // Heard from the start, so the edge knows every feed's state, not just the changes after it is up.
  const topics = localTopicFeed(system);
  topics.listen('feed.*', (msg) => log.info('feed', { feed: msg }));
  const universe = universeOf(registry);
  // `npm start -- --live` (or FEED=live): Binance's live streams instead of the bundled replay.
  const live = config.feed === 'live' || args.live;
  const speed = args.speed ?? config.replaySpeed;
  const forecasts = config.forecasts;
  const market = live
    ? startLiveMarket(system, universe, config, db, forecasts)
    : startReplayMarket(system, universe, { speed, db, history: DEMO_HISTORY_BARS, ...(forecasts ? { forecasts } : {}), ...(range ? { range } : {}) });
  const trading = startTrading({ system, db, topics, instruments: registry, market, log });
  // WEBHOOKS: signals, fills and risk events (drawdowns past DRAWDOWN_ALERT_PCT among them) to Discord or plain JSON.
  const notifications = startNotifications({ system, ...config.notify, accounts: () => trading.deps.accounts.list().map((a) => a.id), metrics, log });
  // Every strategy started over REST and not stopped starts again, after the accounts it trades.
  const restored = await restoreStrategies(system, db);
  for (const f of restored.failed) log.warn('strategy not restored', f);
  // With Redis, the engine's topics and their last values go there, and it answers asks from
  // edges in other processes (`--edge-only`).
  const bridge = redisUrl ? bridgeTopics(topics, redisUrl, ['tick.>', 'candle.>', 'indicators.>', 'gap.>', 'stats.>', 'feed.>', 'forecast.>', 'outcome.>', 'trade.>', 'signal.>'], { log }) : null;
  const link = redisUrl ? serveEngine(system, redisUrl, { log }) : null;
  let pacer: Pacer | null = null;
  return {
    engine: system,
    topics,
    market,
    trading,
    strategies: { admin: strategyAdmin(system, db), verifier: trading.deps.verifier },
    db,
    describe: {
      workers: config.workers,
      feed: live ? 'binance' : range ? 'simulation' : 'replay',
      symbols: market.symbols.length,
      speed: live ? undefined : speed,
      feeds: market.feeds.length,
      accounts: trading.accounts,
      strategies: restored.started.length,
      ...(range ? { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() } : {}),
    },
    run() {
      if (!range || !system.sim) return;
      const to = new Date(range.to).toISOString();
      const onDone = async (error?: unknown) => {
        if (error) return log.error('simulation stopped', { error: String(error) });
        // The store's next batch was due after the end, on a clock that no longer moves: write it now.
        if (market.store) system.tell(market.store, { type: 'flush' });
        await system.sim?.drain();
        log.info('simulation reached its end; serving it as it stands', { to });
      };
      pacer = paceSimulation(system.sim, { to: range.to, speed, onDone: (error) => void onDone(error) });
    },
    async close() {
      await pacer?.stop();
      await bridge?.close();
      await link?.close();
      notifications.stop();
      await system.shutdown();
      trading.close();
      if (simDir) rmSync(simDir, { recursive: true, force: true });
    },
  };
}

function connectEngine(redisUrl: string): EngineSide {
  const topics = redisTopicFeed(redisUrl, { log });
  const engine = remoteEngine(redisUrl, { log });
  return {
    engine,
    topics,
    db: config.db,
    describe: { edgeOnly: true },
    async close() {
      await topics.close();
      await engine.close();
    },
  };
}

if (args.edgeOnly && !config.redisUrl) {
  console.error('tickflow: --edge-only needs REDIS_URL, where the engine process publishes its topics and takes asks');
  process.exit(2);
}
const side = args.edgeOnly ? connectEngine(config.redisUrl!) : await startEngine(config.redisUrl);
// With Redis, cached answers are shared by every edge process; without it, this process's memory.
const cache = config.redisUrl ? redisCache(config.redisUrl, { log }) : memoryCache();
const { engine: system, topics, market, trading, strategies } = side;
const ws = createWsEdge({ topics, instruments: registry, system, history: new CandleHistory(side.db), log });
const app = createApp({ system, startedAt, version, log, metrics, instruments: registry, topics, ...(market ? { market } : {}), db: side.db, adminKey: config.adminKey, edge: edge.config, cache, wsStats: () => ws.stats(), ...('redisStatus' in cache ? { redisStatus: cache.redisStatus } : {}), ...(trading ? { trading: trading.deps } : {}), ...(strategies ? { strategies } : {}) });
const server = startServer(app, { port: config.port, host: config.host }, ws, trading?.stream);
log.info('tickflow started', { url: server.url, port: server.port, version, db: side.db, ...side.describe });
side.run?.();

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
    if ('close' in cache) await cache.close();
    await side.close();
  } catch (e) {
    log.error('shutdown failed', { signal, error: String(e) });
    process.exit(1);
  }
  log.info('stopped', { signal });
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
