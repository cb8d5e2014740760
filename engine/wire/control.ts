import { z } from 'zod';
import { placementOverrides } from '../placement.ts';
import { describeIssues } from './system.ts';

/**
 * The envelope of every postMessage between the main thread and a worker host. The host
 * validates what it receives, so a stray or malformed post becomes a dead letter with a reason,
 * never a crash.
 */

export const initMessage = z.object({
  t: z.literal('init'),
  index: z.number().int().nonnegative(),
  workers: z.number().int().positive(),
  behaviourModules: z.array(z.string()),
  placement: placementOverrides,
  clock: z.object({ mode: z.enum(['live', 'sim']), start: z.number() }),
  /** Every worker's stats block and the router's per-worker sent counters (SharedArrayBuffers). */
  stats: z.array(z.instanceof(SharedArrayBuffer)),
  sentTo: z.instanceof(SharedArrayBuffer),
  highWater: z.number().int().positive(),
  spinMs: z.number().nonnegative(),
  control: z.instanceof(MessagePort),
});
export type InitMessage = z.infer<typeof initMessage>;

export const batchMessage = z.object({
  t: z.literal('batch'),
  seq: z.number().int(),
  to: z.number().int(),
  count: z.number().int().nonnegative(),
  f64: z.instanceof(Float64Array),
  objs: z.array(z.unknown()),
});

export const toWorker = z.discriminatedUnion('t', [
  initMessage,
  batchMessage,
  z.object({ t: z.literal('stats'), index: z.number().int().nonnegative(), buffer: z.instanceof(SharedArrayBuffer) }),
  z.object({ t: z.literal('advance'), time: z.number() }),
  z.object({ t: z.literal('round'), n: z.number().int() }),
]);
export type ToWorker = z.infer<typeof toWorker>;

export type FromWorker =
  | { t: 'ready'; index: number }
  | (z.infer<typeof batchMessage> & { t: 'batch' })
  | { t: 'roundDone'; index: number; n: number; sent: number; nextTimer: number };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseToWorker(data: unknown): Parsed<ToWorker> {
  // Batches are by far the most frequent post: check their shape by hand, zod for the rest.
  const d = data as { t?: unknown; f64?: unknown; objs?: unknown; seq?: unknown; count?: unknown };
  if (d?.t === 'batch' && d.f64 instanceof Float64Array && Array.isArray(d.objs) && typeof d.seq === 'number' && typeof d.count === 'number') {
    return { ok: true, value: data as ToWorker };
  }
  const r = toWorker.safeParse(data);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: `malformed post to worker: ${describeIssues(r.error)}` };
}
