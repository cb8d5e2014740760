/**
 * Actor kinds used by the engine's own tests and benchmarks. Real worker threads load this
 * module like any behaviour module, so tests exercise the same paths production does.
 */
import { z } from 'zod';
import { behaviour } from '../behaviour/behaviour.ts';
import { protocol } from '../behaviour/protocol.ts';
import { topic, topicPattern, type Address } from '../names.ts';

/** Counts; throws on `fail`; exits its whole worker on `exit`. Snapshots after every message. */
export const counter = behaviour({
  kind: 'counter',
  protocol: protocol({
    inc: { by: z.number() },
    get: {},
    fail: {},
    exit: { code: z.number() },
    crash: {},
    log: { value: z.number(), from: z.string() },
  }),
  init: () => ({ count: 0, log: [] as string[] }),
  handlers: {
    inc: (s, m) => void (s.count += m.by),
    get: (s, _m, ctx) => ctx.reply({ count: s.count, log: s.log }),
    fail: () => {
      throw new Error('asked to fail');
    },
    exit: (_s, m) => process.exit(m.code),
    // Thrown outside any handler, so nothing in the host can catch it: the worker dies of it.
    crash: () => queueMicrotask(() => {
      throw new Error('uncaught in the worker');
    }),
    log: (s, m, ctx) => void s.log.push(`${ctx.now()}:${m.from}:${m.value}`),
  },
  snapshot: (s) => ({ count: s.count, log: [...s.log] }),
  restore: (snap) => structuredClone(snap) as { count: number; log: string[] },
});

/** A numbers-only sink: the fast path. Counts and sums what it receives. */
export const sink = behaviour({
  kind: 'sink',
  protocol: protocol({ n: { v: z.number() }, get: {} }),
  init: () => ({ count: 0, sum: 0 }),
  handlers: {
    n: (s, m) => {
      s.count++;
      s.sum += m.v;
    },
    get: (s, _m, ctx) => ctx.reply({ ...s }),
  },
});

/**
 * Sends numbered messages to a target (benchmarks, FIFO tests): `blast` all at once, `pump` in
 * chunks, re-telling itself between chunks as a producer that yields to the others would.
 */
export const source = behaviour({
  kind: 'source',
  protocol: protocol({
    blast: { count: z.number(), to: z.string(), from: z.number() },
    pump: { remaining: z.number(), chunk: z.number(), to: z.string(), from: z.number() },
  }),
  init: () => ({}),
  handlers: {
    blast: (_s, m, ctx) => {
      const to = ctx.ref(m.to as Address);
      for (let i = 0; i < m.count; i++) ctx.tell(to, { type: 'n', v: m.from + i });
    },
    pump: (_s, m, ctx) => {
      const to = ctx.ref(m.to as Address);
      const n = Math.min(m.chunk, m.remaining);
      for (let i = 0; i < n; i++) ctx.tell(to, { type: 'n', v: m.from + i });
      if (m.remaining > n) ctx.tell(ctx.self, { ...m, remaining: m.remaining - n, from: m.from + n });
    },
  },
});

/** A source that yields after every message (throughput 1), as a replay pump does. */
export const trickle = behaviour({ ...source, kind: 'trickle', throughput: 1 });

/** Records the order in which numbered messages arrive, per sender, to check FIFO. */
export const order = behaviour({
  kind: 'order',
  protocol: protocol({ n: { v: z.number() }, get: {} }),
  init: () => ({ received: 0, outOfOrder: 0, last: new Map<number, number>() }),
  handlers: {
    n: (s, m) => {
      // Senders number their messages sender * 1e9 + i.
      const sender = Math.floor(m.v / 1e9);
      const prev = s.last.get(sender) ?? -1;
      if (m.v <= prev) s.outOfOrder++;
      s.last.set(sender, m.v);
      s.received++;
    },
    get: (s, _m, ctx) => ctx.reply({ received: s.received, outOfOrder: s.outOfOrder }),
  },
});

/** A supervisor of `size` counters (team-supervisors.ts gives it each strategy). */
export const team = behaviour({
  kind: 'team',
  props: z.object({ size: z.number().int().positive() }),
  protocol: protocol({ members: {} }),
  init: (props, ctx) => {
    const members = Array.from({ length: props.size }, (_, i) => ctx.spawn('counter', `${ctx.self.split('/')[1]}-${i}`));
    return { members };
  },
  handlers: {
    members: (s, _m, ctx) => ctx.reply(s.members),
  },
});

const recorderProtocol = protocol({ n: { v: z.number() }, get: {} });
const recorder = (kind: string, overflow: 'drop-oldest' | 'drop-newest' | 'backpressure') =>
  behaviour({
    kind,
    protocol: recorderProtocol,
    mailbox: { capacity: 10, overflow },
    init: () => ({ values: [] as number[] }),
    handlers: {
      n: (s, m) => void s.values.push(m.v),
      get: (s, _m, ctx) => ctx.reply(s.values),
    },
  });

/** Mailboxes of capacity 10 under each overflow policy. */
export const keepLatest = recorder('keep-latest', 'drop-oldest');
export const keepFirst = recorder('keep-first', 'drop-newest');
export const keepAll = recorder('keep-all', 'backpressure');

/**
 * A message hops between `hop/0..7`, each hop logging (time, value) and fanning out to two
 * others, while every hop also beats on a timer. Many senders per receiver: the interleaving
 * a deterministic round must pin down.
 */
export const hop = behaviour({
  kind: 'hop',
  protocol: protocol({ fwd: { value: z.number(), hops: z.number() }, beat: {}, get: {} }),
  init: (_p, ctx) => {
    const id = Number(ctx.self.split('/')[1]);
    ctx.every(250 + id * 10, { type: 'beat' });
    return { id, log: [] as string[], beats: 0 };
  },
  handlers: {
    fwd: (s, m, ctx) => {
      s.log.push(`${ctx.now()}:${m.value}:${m.hops}`);
      if (m.hops <= 0) return;
      const next = (m.value * 31 + s.id) % 1009;
      ctx.tell(`hop/${(m.value + s.id) % 8}` as Address, { type: 'fwd', value: next, hops: m.hops - 1 });
      ctx.tell(`hop/${(m.value * 7) % 8}` as Address, { type: 'fwd', value: (next * 3) % 1009, hops: m.hops - 1 });
    },
    beat: (s, _m, ctx) => {
      s.beats++;
      ctx.publish(topic('test', 'beat', String(s.id)), { type: 'log', value: s.beats, from: ctx.self });
    },
    get: (s, _m, ctx) => ctx.reply(s.log),
  },
});

/** A counter that subscribes to a topic pattern given in its props. */
export const listener = behaviour({
  kind: 'listener',
  props: z.object({ pattern: z.string() }),
  protocol: counter.protocol,
  init: (props, ctx) => {
    ctx.subscribe(topicPattern(props.pattern));
    return { count: 0, log: [] as string[] };
  },
  handlers: counter.handlers,
});
