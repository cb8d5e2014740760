import type { EngineHandle, Introspection } from '../../engine/index.ts';
import type { Registry } from './registry.ts';
import { within } from '../within.ts';

/**
 * The engine at scrape time. Totals are shared counters read without asking the workers, so they
 * are always there; the per-kind actor figures need one introspection, which may time out, and
 * then `tickflow_engine_introspection_up` says 0 and those families are left out of that scrape.
 * Actors are aggregated per kind: a per-actor label would make a thousand symbols a thousand series.
 */
export function engineMetrics(registry: Registry, system: Pick<EngineHandle, 'introspect' | 'totals'>, { timeoutMs = 1000, onError = (_: unknown) => {} } = {}) {
  const totalsCounter = (name: string, help: string) => registry.counter({ name, help });
  const processed = totalsCounter('tickflow_messages_processed_total', 'Messages processed by actors, over every worker and incarnation.');
  const dropped = totalsCounter('tickflow_messages_dropped_total', 'Messages dropped by mailbox overflow policies.');
  const deadLetters = totalsCounter('tickflow_dead_letters_total', 'Messages that could not be delivered or processed.');
  const workerDeaths = totalsCounter('tickflow_worker_deaths_total', 'Worker threads that died (each is respawned).');
  const queued = registry.gauge({ name: 'tickflow_messages_queued', help: 'Messages waiting in actor mailboxes, over every worker.' });
  const up = registry.gauge({ name: 'tickflow_engine_introspection_up', help: '1 when the last introspection answered within the scrape timeout, else 0.' });
  const workerUp = registry.gauge({ name: 'tickflow_worker_up', help: '1 when the worker is alive.', labels: ['worker'] });
  const backlog = registry.gauge({ name: 'tickflow_worker_backlog', help: 'Records sent to the worker that it has not processed yet.', labels: ['worker'] });
  const actors = registry.gauge({ name: 'tickflow_actors', help: 'Live actors by kind and status.', labels: ['kind', 'status'] });
  const depth = registry.gauge({ name: 'tickflow_actor_mailbox_depth', help: 'Messages waiting in the mailboxes of the kind, summed.', labels: ['kind'] });
  const depthMax = registry.gauge({ name: 'tickflow_actor_mailbox_depth_max', help: 'The deepest mailbox among the actors of the kind.', labels: ['kind'] });
  // A gauge, not a counter: an actor that stops takes its count with it, so the sum can fall.
  const restarts = registry.gauge({ name: 'tickflow_actor_restarts', help: 'Restarts of the live actors of the kind, summed.', labels: ['kind'] });

  registry.beforeCollect(async () => {
    const t = system.totals();
    for (const [c, v] of [[processed, t.processed], [dropped, t.dropped], [deadLetters, t.deadLetters], [workerDeaths, t.workerDeaths]] as const) {
      c.reset();
      c.inc({}, v);
    }
    queued.set({}, t.queued);
    for (const g of [workerUp, backlog, actors, depth, depthMax, restarts]) g.reset();
    let view: Introspection;
    try {
      view = await within(system.introspect(), timeoutMs);
    } catch (e) {
      up.set({}, 0);
      onError(e);
      return;
    }
    up.set({}, 1);
    const deepest = new Map<string, number>();
    for (const w of view.workers) {
      workerUp.set({ worker: String(w.index) }, w.alive ? 1 : 0);
      backlog.set({ worker: String(w.index) }, w.backlog);
      for (const a of w.actors) {
        actors.inc({ kind: a.kind, status: a.status });
        depth.inc({ kind: a.kind }, a.mailbox.depth);
        restarts.inc({ kind: a.kind }, a.restarts);
        deepest.set(a.kind, Math.max(deepest.get(a.kind) ?? 0, a.mailbox.depth));
      }
    }
    for (const [kind, d] of deepest) depthMax.set({ kind }, d);
  });
}
