import type { ActorSystem } from '../../engine/index.ts';
import { topicPattern } from '../../engine/index.ts';

/**
 * Where the edge hears the engine's topics (`candle.BTCUSDT.1m`, `stats.crypto.*`, ...). In the
 * engine's own process it is the actor system itself; an edge process of its own hears the same
 * topics through Redis (api/bus/redis-*.ts). The WebSocket hub only ever sees this interface.
 */
export interface TopicFeed {
  /**
   * Calls `listener` with every message published on a topic matching `pattern` (`*` one
   * segment, `>` the rest, as engine/names.ts). Returns the function that stops it.
   */
  listen(pattern: string, listener: (msg: unknown, topic: string) => void): () => void;
}

/** The engine's topics, heard in its own process. */
export function localTopicFeed(system: ActorSystem): TopicFeed {
  return { listen: (pattern, listener) => system.subscribe(topicPattern(pattern), listener) };
}
