import { createRoute, z } from '@hono/zod-openapi';
import type { EngineHandle, Introspection } from '../../engine/index.ts';
import { problemResponse, createRouter, json } from './router.ts';
import { requireAdminKey } from './admin-key.ts';

const ActorSchema = z
  .object({
    address: z.string(),
    kind: z.string(),
    worker: z.number().int(),
    status: z.string(),
    mailbox: z.object({ depth: z.number().int(), capacity: z.number().int(), overflow: z.string() }),
    processed: z.number(),
    dropped: z.number(),
    restarts: z.number().int(),
    failures: z.number().int(),
    /** Addresses of its children; each is a row of its own in `actors`. */
    children: z.array(z.string()),
    parent: z.string(),
    depth: z.number().int().openapi({ description: 'Depth in the supervision tree: 0 under the root' }),
  })
  .openapi('ActorNode');

const ActorTreeSchema = z
  .object({
    at: z.number().openapi({ description: "Engine clock time of the reading, epoch ms" }),
    totals: z.record(z.string(), z.number()),
    workers: z.array(z.object({ index: z.number().int(), alive: z.boolean(), deaths: z.number().int(), backlog: z.number(), processed: z.number(), turns: z.number(), actors: z.number().int() })),
    actors: z.array(ActorSchema).openapi({ description: 'Every actor, in tree order: each parent before its children' }),
    deadLetters: z.array(z.object({ worker: z.number().int(), at: z.number(), to: z.string(), type: z.string(), reason: z.string() })).openapi({ description: 'The most recent dead letters of each worker, with why' }),
  })
  .openapi('ActorTree');

/** Flattens introspection into one list in supervision-tree order (depth first, by address). */
export function actorTree(view: Introspection): z.infer<typeof ActorTreeSchema> {
  const all = view.workers.flatMap((w) => w.actors.map((a) => ({ ...a, worker: w.index })));
  const byAddress = new Map(all.map((a) => [a.address, a]));
  const childrenOf = new Map<string, typeof all>();
  for (const a of all) {
    const parent = byAddress.has(a.parent) ? a.parent : '';
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), a]);
  }
  const ordered: z.infer<typeof ActorSchema>[] = [];
  const visit = (parent: string, depth: number) => {
    for (const a of (childrenOf.get(parent) ?? []).sort((x, y) => (x.address < y.address ? -1 : 1))) {
      ordered.push({ ...a, depth });
      visit(a.address, depth + 1);
    }
  };
  visit('', 0);
  return {
    at: view.at,
    totals: { ...view.totals },
    workers: view.workers.map((w) => ({ index: w.index, alive: w.alive, deaths: w.deaths, backlog: w.backlog, processed: w.processed, turns: w.turns, actors: w.actors.length })),
    actors: ordered,
    deadLetters: view.workers.flatMap((w) => w.deadLetters.map((d) => ({ worker: w.index, ...d }))),
  };
}

/** Either spelling of the admin key (see openapi/document.ts). */
const ADMIN_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { apiKey: [] }];

/** Admin routes, behind the admin key (see admin-key.ts). */
export const adminRoutes = (deps: { system: EngineHandle; adminKey?: string }) => {
  const actors = createRoute({
    method: 'get',
    path: '/api/admin/actors',
    operationId: 'getActors',
    tags: ['admin'],
    summary: 'The actor tree: mailboxes, restarts, dead letters',
    security: ADMIN_SECURITY,
    middleware: [requireAdminKey(deps.adminKey)],
    responses: {
      200: json(ActorTreeSchema, 'The whole engine, from every worker in one call'),
      401: problemResponse('No admin key, or the wrong one'),
      404: problemResponse('No admin key is configured: the admin routes do not exist'),
    },
  });
  return createRouter().openapi(actors, async (c) => c.json(actorTree(await deps.system.introspect()), 200));
};
