import { z } from 'zod';

/**
 * The `/ws` wire protocol: what a client may send (validated with zod, frame by frame) and what
 * the server sends back. README.md beside this file is the same thing for people.
 */

/** Close codes the edge uses; 4xxx mirror the HTTP status they stand for. */
export const CLOSE = {
  /** Server shutting down (Bun's own). */
  goingAway: 1001,
  /** A frame larger than `maxPayloadLength` (Bun closes with it before the handler sees the frame). */
  tooBig: 1009,
  /** A handler failed: the cause is logged, never sent. */
  internal: 1011,
  /** The engine did not answer a seed path's snapshot in time: reconnect later. */
  tryAgain: 1013,
  /** A bad query on a seed path (`/ws/chart/BTCUSDT?tf=2m`). */
  badRequest: 4400,
  /** Unknown symbol, or no live data for it, on a seed path. */
  notFound: 4404,
  /** A slow consumer: behind for too long or by too many bytes (1008 policy + 3000). */
  slow: 4008,
} as const;

export type ErrorCode =
  | 'bad-json'
  | 'bad-frame'
  | 'unknown-op'
  | 'bad-request'
  | 'invalid-topic'
  | 'unknown-symbol'
  | 'too-many-subscriptions'
  | 'not-subscribed'
  | 'no-model';

export interface ErrorFrame {
  type: 'error';
  code: ErrorCode;
  message: string;
  op?: string;
  topic?: string;
  /** For `unknown-symbol`: the closest known symbols. */
  suggestions?: readonly string[];
}

/** Every frame the server sends. `data` is the engine's message as published (TickMsg, CandleMsg, ...). */
export type ServerFrame =
  | { type: 'snapshot' | 'delta'; topic: string; seq: number; data: unknown }
  | { type: 'subscribed'; topic: string; snapshots: number }
  | { type: 'unsubscribed'; topic: string }
  | { type: 'pong'; time: number }
  | { type: 'heartbeat'; time: number }
  | ErrorFrame;

const OPS = ['subscribe', 'unsubscribe', 'ping'] as const;
const topicField = z.string().min(1, 'topic must not be empty').max(200, 'topic must be at most 200 characters');

export const inboundSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('subscribe'), topic: topicField }),
  z.strictObject({ op: z.literal('unsubscribe'), topic: topicField }),
  z.strictObject({ op: z.literal('ping') }),
]);
export type Inbound = z.infer<typeof inboundSchema>;

const hasOp = z.looseObject({ op: z.enum(OPS) });

export type Parsed = { ok: true; req: Inbound } | { ok: false; error: ErrorFrame };

const fail = (code: ErrorCode, message: string, op?: string): Parsed => ({ ok: false, error: { type: 'error', code, message, ...(op ? { op } : {}) } });

/** One inbound frame, text or binary, into a request or the error frame that answers it. */
export function parseInbound(raw: string | Buffer): Parsed {
  if (typeof raw !== 'string') return fail('bad-frame', 'frames must be JSON text, not binary');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail('bad-json', 'the frame is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('bad-frame', 'a frame must be a JSON object with an "op"');
  const op = hasOp.safeParse(value);
  if (!op.success) {
    const given = (value as { op?: unknown }).op;
    return fail('unknown-op', `unknown op ${JSON.stringify(given) ?? 'undefined'}: expected ${OPS.join(', ')}`);
  }
  const parsed = inboundSchema.safeParse(value);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    return fail('bad-request', why, op.data.op);
  }
  return { ok: true, req: parsed.data };
}

/**
 * A market frame built around data already serialized once: the same `json` goes into the
 * delta every subscriber gets and into later snapshots, never stringified again.
 */
export const marketFrame = (type: 'snapshot' | 'delta', topic: string, seq: number, json: string): string =>
  `{"type":"${type}","topic":${JSON.stringify(topic)},"seq":${seq},"data":${json}}`;

export const controlFrame = (frame: Exclude<ServerFrame, { type: 'snapshot' | 'delta' }>): string => JSON.stringify(frame);
