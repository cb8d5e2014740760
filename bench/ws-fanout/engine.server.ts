// The fan-out bench's Tickflow: the engine replaying the bundled market, and the WebSocket edge
// as main.ts composes it. One difference: each message of the probe topic gets the wall time it
// reached the edge (`edgeAt`), so a client can tell how long it took to reach it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARKET_KINDS, MARKET_PLACEMENT, startReplayMarket, universeOf } from '../../actors/market.ts';
import { CandleHistory } from '../../api/routes/history.ts';
import { localTopicFeed, type TopicFeed } from '../../api/bus/topic-feed.ts';
import { startServer } from '../../api/server.ts';
import { createWsEdge } from '../../api/ws/index.ts';
import { loadInstruments } from '../../config/instruments.ts';
import { parseSpeed } from '../../config/speed.ts';
import { ActorSystem } from '../../engine/index.ts';
import { createLogger } from '../../log/logger.ts';
import { wallMs } from './wall-clock.ts';

const PROBE = process.env.PROBE_TOPIC ?? 'tick.BTCUSDT';
const speed = parseSpeed(process.env.SPEED ?? '300x');
if (speed === null) throw new Error(`SPEED: ${process.env.SPEED}`);
const instruments = await loadInstruments();
if (!instruments.ok) throw new Error(instruments.error);

const system = await ActorSystem.start({ workers: Number(process.env.WORKERS ?? 2), behaviours: MARKET_KINDS, placement: MARKET_PLACEMENT });
const db = join(mkdtempSync(join(tmpdir(), 'tickflow-bench-ws-')), 'bench.db');
startReplayMarket(system, universeOf(instruments.registry), { speed, db });

const engine = localTopicFeed(system);
const stamped: TopicFeed = {
  listen: (pattern, listener) =>
    engine.listen(pattern, (msg, topic) => listener(topic === PROBE ? { ...(msg as object), edgeAt: wallMs() } : msg, topic)),
};
const ws = createWsEdge({ topics: stamped, instruments: instruments.registry, system, history: new CandleHistory(db), log: createLogger('warn') });
const server = startServer({ fetch: () => new Response('ready') }, { port: Number(process.env.PORT), host: '127.0.0.1' }, ws);

process.on('SIGTERM', async () => {
  console.log(JSON.stringify(ws.stats()));
  await server.stop();
  await system.shutdown();
  process.exit(0);
});
