/** A real actor system, the real app and the real server on a free port, for the edge's tests. */
import { MARKET_KINDS } from '../../actors/market.ts';
import { loadInstruments } from '../../config/instruments.ts';
import { ActorSystem } from '../../engine/index.ts';
import { createLogger } from '../../log/logger.ts';
import type { InstrumentRegistry } from '../../market/instruments/index.ts';
import { createApp } from '../app.ts';
import { CandleHistory } from '../routes/history.ts';
import { localTopicFeed, type TopicFeed } from '../bus/topic-feed.ts';
import { startServer, type RunningServer } from '../server.ts';
import { createWsEdge } from './index.ts';
import type { WsOptionsInput } from './options.ts';
import { TestClient } from './test-clients.ts';

export interface TestEdge {
  system: ActorSystem;
  instruments: InstrumentRegistry;
  server: RunningServer;
  /** `ws://127.0.0.1:<port>` */
  base: string;
  connect(path?: string): Promise<TestClient>;
  stop(): Promise<void>;
}

/** `feed` wraps the system's own feed, e.g. to watch what the hub listens on; `db` is the SQLite file the system stores in, if any. */
export async function startTestEdge(options: WsOptionsInput = {}, system?: ActorSystem, feed: (inner: TopicFeed) => TopicFeed = (f) => f, db?: string): Promise<TestEdge> {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  const instruments = loaded.registry;
  const sys = system ?? (await ActorSystem.start({ workers: 1, behaviours: MARKET_KINDS }));
  const log = createLogger('error');
  const history = new CandleHistory(db);
  const ws = createWsEdge({ topics: feed(localTopicFeed(sys)), instruments, system: sys, history, log, options });
  // As main.ts wires it: the app's /metrics reads the edge's counters.
  const app = createApp({ system: sys, instruments, topics: localTopicFeed(sys), startedAt: 0, version: 'test', log, wsStats: () => ws.stats(), db });
  const server = startServer(app, { port: 0, host: '127.0.0.1' }, ws);
  const base = `ws://127.0.0.1:${server.port}`;
  return {
    system: sys,
    instruments,
    server,
    base,
    connect: (path = '/ws') => TestClient.connect(base + path),
    stop: async () => {
      await server.stop();
      history.close();
      await sys.shutdown();
    },
  };
}
