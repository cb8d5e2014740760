import { z } from 'zod';
import { AskFailedError, AskTimeoutError, type Address, type EngineHandle, type Introspection, type Totals } from '../../engine/index.ts';
import type { Logger } from '../../log/logger.ts';
import { closeClient, redisClient } from './redis-client.ts';
import { redisNames } from './redis-names.ts';

/** No engine listened: the edge answers 503 instead of waiting for a timeout. */
export class EngineUnreachableError extends Error {
  override name = 'EngineUnreachableError';
}

export interface EngineLinkOptions {
  /** See redis-names.ts; engine and edges must agree. */
  namespace?: string;
  log?: Logger;
}

/** Only reads cross: an edge can look at actors, never tell them anything. */
const READABLE = /^(symbol|summary)\/[A-Za-z0-9_:@=.-]+$/;
const requestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('ask'), id: z.string().max(64), reply: z.string().max(200), to: z.string().regex(READABLE), msg: z.looseObject({ type: z.literal('view') }), timeoutMs: z.number().int().positive().max(10_000) }),
  z.object({ op: z.literal('introspect'), id: z.string().max(64), reply: z.string().max(200) }),
]);
const replySchema = z.object({ id: z.string(), ok: z.boolean(), value: z.unknown().optional(), error: z.object({ name: z.string(), message: z.string() }).optional(), totals: z.unknown().optional() });
type Reply = z.infer<typeof replySchema>;

/**
 * In the engine's process: answers edge processes' asks (the `view` of `symbol/*` and
 * `summary/*` actors) and introspections, heard on one Redis channel, each reply published on
 * the asking edge's own channel with the engine's totals beside it. A malformed request is
 * logged and dropped; nothing an edge sends can reach an actor other than as a `view` ask.
 */
export function serveEngine(system: EngineHandle, url: string, options: EngineLinkOptions = {}): { close(): Promise<void> } {
  const names = redisNames(options.namespace);
  const log = options.log;
  const sub = redisClient(url, { role: 'engine-link-subscriber', log });
  const pub = redisClient(url, { role: 'engine-link', log });
  const replyPrefix = names.engineReplies('');
  // ioredis re-subscribes only what had succeeded; subscribing on every `ready` covers a restarted Redis too.
  sub.on('ready', () => void sub.subscribe(names.engineRequests).catch((e) => log?.warn('engine link cannot subscribe', { error: String(e) })));
  sub.on('message', (_channel: string, raw: string) => void answer(raw));

  async function answer(raw: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return log?.warn('engine link: a request that is not JSON', { length: raw.length });
    }
    const req = requestSchema.safeParse(parsed);
    if (!req.success || !req.data.reply.startsWith(replyPrefix)) return log?.warn('engine link: a request refused', { issues: req.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? ['reply channel not ours'] });
    const r = req.data;
    let reply: Reply;
    try {
      const value = r.op === 'ask' ? await system.ask(r.to as Address, r.msg, r.timeoutMs) : await system.introspect();
      reply = { id: r.id, ok: true, value, totals: system.totals() };
    } catch (e) {
      const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
      reply = { id: r.id, ok: false, error, totals: system.totals() };
    }
    await pub.publish(r.reply, JSON.stringify(reply)).catch(() => {}); // the edge times out on its own
  }

  return {
    async close() {
      await Promise.all([closeClient(sub), closeClient(pub)]);
    },
  };
}

const ZERO_TOTALS: Totals = { workers: 0, posted: 0, inbound: 0, local: 0, processed: 0, dropped: 0, deadLetters: 0, queued: 0, workerDeaths: 0 };

/**
 * In an edge process of its own: the engine, reached through Redis. `ask` and `introspect` go to
 * whichever engine process serves the namespace (serveEngine) and fail fast with
 * EngineUnreachableError when none listens or Redis is away; `totals` are the ones that came with
 * the last answer (the metrics' and health's fallback when introspection fails).
 */
export function remoteEngine(url: string, options: EngineLinkOptions & { askTimeoutMs?: number } = {}): EngineHandle & { close(): Promise<void> } {
  const names = redisNames(options.namespace);
  const edgeId = crypto.randomUUID();
  const replies = names.engineReplies(edgeId);
  const sub = redisClient(url, { role: 'engine-link-replies', log: options.log });
  const pub = redisClient(url, { role: 'engine-link', log: options.log, commandTimeoutMs: 250 });
  const pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  let totals = ZERO_TOTALS;
  let next = 0;
  /** The waiting request `id`, taken out with its timer stopped: whoever settles it first wins. */
  const take = (id: string) => {
    const waiting = pending.get(id);
    if (!waiting) return undefined;
    pending.delete(id);
    clearTimeout(waiting.timer);
    return waiting;
  };
  sub.on('ready', () => void sub.subscribe(replies).catch(() => {}));
  sub.on('message', (_channel: string, raw: string) => {
    let reply: Reply;
    try {
      reply = replySchema.parse(JSON.parse(raw));
    } catch {
      return options.log?.warn('engine link: a reply that is not one', { length: raw.length });
    }
    if (reply.totals) totals = reply.totals as Totals;
    const waiting = take(reply.id);
    if (!waiting) return; // timed out already
    if (reply.ok) return waiting.resolve(reply.value);
    const { name, message } = reply.error ?? { name: 'Error', message: 'the engine failed' };
    waiting.reject(name === 'AskTimeoutError' ? new AskTimeoutError(message) : name === 'AskFailedError' ? new AskFailedError(message) : new Error(message));
  });

  function request<R>(body: Record<string, unknown>, timeoutMs: number): Promise<R> {
    if (sub.status !== 'ready' || pub.status !== 'ready') return Promise.reject(new EngineUnreachableError(`Redis is ${pub.status}: the engine cannot be reached`));
    const id = `${next++}`;
    return new Promise<R>((resolve, reject) => {
      // A little beyond the engine's own limit, so its AskTimeoutError arrives before ours.
      const timer = setTimeout(() => take(id)?.reject(new AskTimeoutError(`the engine did not answer within ${timeoutMs} ms`)), timeoutMs + 100);
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      pub.publish(names.engineRequests, JSON.stringify({ ...body, id, reply: replies })).then(
        (receivers) => void (receivers === 0 && take(id)?.reject(new EngineUnreachableError('no engine process is listening on Redis'))),
        (e: Error) => take(id)?.reject(new EngineUnreachableError(`the engine cannot be reached: ${e.message}`)),
      );
    });
  }

  const askTimeoutMs = options.askTimeoutMs ?? 1000;
  return {
    ask: <R = unknown>(to: Address, msg: unknown, timeoutMs = askTimeoutMs) => request<R>({ op: 'ask', to, msg, timeoutMs }, timeoutMs),
    introspect: () => request<Introspection>({ op: 'introspect' }, askTimeoutMs),
    totals: () => totals,
    async close() {
      for (const id of [...pending.keys()]) take(id)?.reject(new EngineUnreachableError('the edge is shutting down'));
      await Promise.all([closeClient(sub), closeClient(pub)]);
    },
  };
}
