import { createRoute } from '@hono/zod-openapi';
import type { EngineHandle } from '../../engine/index.ts';
import { checkHealth, HealthSchema, type HealthSources } from '../health.ts';
import { createRouter, json } from './router.ts';

export interface HealthDeps extends HealthSources {
  system: EngineHandle;
  startedAt: number;
  version: string;
  now: () => number;
  healthTimeoutMs?: number;
}

const health = createRoute({
  method: 'get',
  path: '/api/health',
  operationId: 'getHealth',
  tags: ['engine'],
  summary: 'Health of the engine, its feeds and its SQLite file',
  description: 'Every worker, the last state of each feed, whether the SQLite file can be read. 503 when degraded, listing what is.',
  responses: { 200: json(HealthSchema, 'Healthy'), 503: json(HealthSchema, 'Degraded: `degraded` says what is wrong') },
});

export const healthRoutes = (deps: HealthDeps) =>
  createRouter().openapi(health, async (c) => {
    const base = { uptimeMs: deps.now() - deps.startedAt, version: deps.version };
    const body = await checkHealth(deps.system, base, deps.healthTimeoutMs, deps);
    return body.status === 'ok' ? c.json(body, 200) : c.json(body, 503);
  });
