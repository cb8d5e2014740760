import type { Context } from 'hono';
import type { Logger } from '../../log/logger.ts';
import type { EngineHandle } from '../../engine/index.ts';
import { engineMetrics } from './engine.ts';
import { CONTENT_TYPE } from './exposition.ts';
import type { Registry } from './registry.ts';
import { sourceMetrics, type SourceAccessors } from './sources.ts';

export interface MetricsRouteDeps extends SourceAccessors {
  /** The process's registry: the same one `edgeMiddleware` records requests in. */
  registry: Registry;
  system: Pick<EngineHandle, 'introspect' | 'totals'>;
  /** How long a scrape waits for the engine's introspection before leaving it out (ms). */
  introspectTimeoutMs?: number;
  log?: Logger;
}

/**
 * `GET /metrics` in the Prometheus text format. Registers the engine and accessor families on
 * `deps.registry` (so call it once per registry). Scrapes that arrive while one is being
 * collected share its answer: a burst of scrapers costs the engine one introspection.
 */
export function metricsRoute(deps: MetricsRouteDeps) {
  const warn = (source: string, e: unknown) => deps.log?.warn('metrics source failed', { source, error: e instanceof Error ? e.message : String(e) });
  engineMetrics(deps.registry, deps.system, { timeoutMs: deps.introspectTimeoutMs, onError: (e) => warn('engine', e) });
  sourceMetrics(deps.registry, deps, warn);

  let inFlight: Promise<string> | null = null;
  return async function metrics(c: Context) {
    inFlight ??= deps.registry.expose().finally(() => (inFlight = null));
    const text = await inFlight;
    return c.body(text, 200, { 'Content-Type': CONTENT_TYPE, 'Cache-Control': 'no-store' });
  };
}
