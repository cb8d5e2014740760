import { MAIN_HASH } from '../hash.ts';
import { MAIN } from '../names.ts';
import { BatchWriter } from '../wire/batch.ts';
import { OP_SYSTEM, type Batch } from '../wire/records.ts';
import type { Router } from './router.ts';
import type { WorkerSlot } from './worker-slot.ts';

/**
 * A worker thread died: asks it had taken fail at once, a successor is started, the actors it
 * hosted are re-spawned from their last snapshots, and what it never took is sent again.
 */
export function recoverWorker(router: Router, slot: WorkerSlot, why: string): void {
  const started = router.clock.monotonic();
  router.emit({ type: 'worker-died', worker: slot.index, why });
  router.asks.failOnWorker(slot.index, slot.untakenAsks(), why);
  void slot
    .respawn(() => respawnBatch(router, slot.index))
    .then(({ lost }) => {
      for (const s of router.slots) if (s !== slot && s.ready) s.worker?.postMessage({ t: 'stats', index: slot.index, buffer: slot.statsBuffer });
      const actors = router.directory.onWorker(slot.index).length;
      router.emit({ type: 'worker-restarted', worker: slot.index, why, lost, actors, ms: router.clock.monotonic() - started });
    });
}

/** What a fresh worker needs before anything else: the subscription table, then its actors from their snapshots. */
function respawnBatch(router: Router, worker: number): Batch | null {
  const w = new BatchWriter();
  for (const { pattern, subscribers } of router.subs.entries()) {
    for (const subscriber of subscribers) w.object(OP_SYSTEM, 0, MAIN_HASH, router.nextSeq(), { t: 'subscribe', pattern, subscriber });
  }
  for (const { pattern } of router.listeners.entries()) w.object(OP_SYSTEM, 0, MAIN_HASH, router.nextSeq(), { t: 'subscribe', pattern, subscriber: MAIN });
  for (const r of router.directory.onWorker(worker)) {
    const spec = { ...r.spec, restarts: r.spec.restarts + 1, ...(r.snapshot !== undefined ? { snapshot: r.snapshot } : {}) };
    w.object(OP_SYSTEM, 0, MAIN_HASH, router.nextSeq(), { t: 'spawn', spec });
  }
  return w.take(worker);
}
