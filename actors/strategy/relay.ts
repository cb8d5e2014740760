import { z } from 'zod';
import { topicPattern, type ActorSystem } from '../../engine/index.ts';
import type { CommandReply } from '../account/messages.ts';
import { accountAddress } from '../account/start.ts';
import { strategyAddress } from './messages.ts';

const intentMsg = z.object({
  type: z.literal('intent'),
  strategyId: z.string(),
  accountId: z.string(),
  clientOrderId: z.string(),
  order: z.record(z.string(), z.unknown()),
  price: z.number().positive().nullable(),
  time: z.number(),
});

const routes = new WeakMap<ActorSystem, () => void>();

/**
 * The order route: one listener per system, on the main thread, hears every strategy's
 * `intent.<id>`, asks `account/<accountId>` to `submit` the order (the account answers asks only,
 * and only the main thread asks), and tells the strategy the answer as an `ack`. A failed or
 * unanswered ask is an `ack` with `ok: false`, so the strategy stops counting the order as on
 * its way. On a simulated clock the listener runs between the driver's rounds, in a fixed
 * order, so the route is as deterministic as the actors around it.
 */
export function routeOrders(system: ActorSystem): void {
  if (routes.has(system)) return;
  routes.set(system, system.subscribe(topicPattern('intent.*'), (raw) => route(system, raw)));
}

/** Stops routing (for a system shutting down, or a test). */
export function stopRoutingOrders(system: ActorSystem): void {
  routes.get(system)?.();
  routes.delete(system);
}

function route(system: ActorSystem, raw: unknown): void {
  const parsed = intentMsg.safeParse(raw);
  if (!parsed.success) return; // only strategy actors publish here; anything else is nobody's order
  const m = parsed.data;
  const ack = (a: { ok: boolean; status: string | null; code: string | null; message: string | null }) => {
    try {
      system.tell(strategyAddress(m.strategyId), { type: 'ack', clientOrderId: m.clientOrderId, ...a });
    } catch {
      // The strategy was stopped meanwhile: nobody left to tell.
    }
  };
  let reply: Promise<CommandReply>;
  try {
    reply = system.ask<CommandReply>(accountAddress(m.accountId), { type: 'submit', order: m.order, ...(m.price !== null ? { price: m.price } : {}), time: m.time });
  } catch (e) {
    return ack({ ok: false, status: null, code: 'invalid_request', message: e instanceof Error ? e.message : String(e) });
  }
  reply.then(
    (r) => {
      if (!r.ok) return ack({ ok: false, status: null, code: r.code, message: r.message });
      ack({ ok: true, status: r.order?.status ?? null, code: r.rejection?.code ?? null, message: r.rejection?.message ?? null });
    },
    (e: unknown) => ack({ ok: false, status: null, code: 'unreachable', message: `account/${m.accountId} did not answer: ${e instanceof Error ? e.message : String(e)}` }),
  );
}
