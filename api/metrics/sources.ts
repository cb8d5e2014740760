import type { Registry } from './registry.ts';

/** What the WebSocket hub tells: plain numbers, the message counts since the process started. */
export interface WsStats {
  connections: number;
  messagesReceived: number;
  messagesSent: number;
  /** Messages not sent to a client too slow to take them, when the hub drops. */
  messagesDropped?: number;
  subscriptions?: number;
}

/** Hits and misses since the process started, per cache name. */
export type CacheStats = Record<string, { hits: number; misses: number }>;

/** Seconds since the last message, per feed (`binance`, `replay`, ...). */
export type FeedLag = Record<string, number>;

export interface SourceAccessors {
  wsStats?: () => WsStats;
  feedLag?: () => FeedLag;
  cacheStats?: () => CacheStats;
}

/**
 * Metrics read at scrape time from accessors other parts of the edge expose. An accessor that
 * throws leaves its families out of that scrape and counts in
 * `tickflow_metrics_source_errors_total{source}`; the rest of the scrape still answers.
 */
export function sourceMetrics(registry: Registry, sources: SourceAccessors, onError: (source: string, e: unknown) => void = () => {}) {
  const errors = registry.counter({ name: 'tickflow_metrics_source_errors_total', help: 'Accessors that threw while a scrape read them.', labels: ['source'] });
  /** Fills `families` afresh; when the accessor throws they are left empty, never half-filled or stale. */
  const guarded = (source: string, families: { reset(): void }[], fill: () => void) => {
    for (const f of families) f.reset();
    try {
      fill();
    } catch (e) {
      for (const f of families) f.reset();
      errors.inc({ source });
      onError(source, e);
    }
  };

  const rss = registry.gauge({ name: 'process_resident_memory_bytes', help: 'Resident memory of the process, in bytes.' });
  const heap = registry.gauge({ name: 'tickflow_main_heap_used_bytes', help: 'JavaScript heap in use on the main thread, in bytes.' });
  registry.beforeCollect(() => {
    const m = process.memoryUsage();
    rss.set({}, m.rss);
    heap.set({}, m.heapUsed);
  });

  if (sources.wsStats) {
    const read = sources.wsStats;
    const connections = registry.gauge({ name: 'tickflow_ws_connections', help: 'Open WebSocket connections.' });
    const subscriptions = registry.gauge({ name: 'tickflow_ws_subscriptions', help: 'Topic subscriptions over every WebSocket connection.' });
    const received = registry.counter({ name: 'tickflow_ws_messages_received_total', help: 'Messages received from WebSocket clients.' });
    const sent = registry.counter({ name: 'tickflow_ws_messages_sent_total', help: 'Messages sent to WebSocket clients.' });
    const dropped = registry.counter({ name: 'tickflow_ws_messages_dropped_total', help: 'Messages not sent to WebSocket clients too slow to take them.' });
    registry.beforeCollect(() =>
      guarded('ws', [connections, subscriptions, received, sent, dropped], () => {
        const s = read();
        connections.set({}, s.connections);
        subscriptions.set({}, s.subscriptions ?? 0);
        received.inc({}, s.messagesReceived);
        sent.inc({}, s.messagesSent);
        dropped.inc({}, s.messagesDropped ?? 0);
      }),
    );
  }

  if (sources.feedLag) {
    const read = sources.feedLag;
    const lag = registry.gauge({ name: 'tickflow_feed_lag_seconds', help: 'Seconds since the feed last delivered a message.', labels: ['feed'] });
    registry.beforeCollect(() =>
      guarded('feed_lag', [lag], () => {
        for (const [feed, seconds] of Object.entries(read())) lag.set({ feed }, seconds);
      }),
    );
  }

  if (sources.cacheStats) {
    const read = sources.cacheStats;
    const hits = registry.counter({ name: 'tickflow_cache_hits_total', help: 'Cache lookups that found their entry.', labels: ['cache'] });
    const misses = registry.counter({ name: 'tickflow_cache_misses_total', help: 'Cache lookups that did not.', labels: ['cache'] });
    registry.beforeCollect(() =>
      guarded('cache', [hits, misses], () => {
        for (const [cache, s] of Object.entries(read())) {
          hits.inc({ cache }, s.hits);
          misses.inc({ cache }, s.misses);
        }
      }),
    );
  }
}
