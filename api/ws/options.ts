import { z } from 'zod';

const ms = z.number().int().positive();
const bytes = z.number().int().positive();

/** The WebSocket edge's limits and periods; every one has a default that suits the demo market. */
export const wsOptionsSchema = z
  .object({
    /** How often every connection gets `{type:'heartbeat', time}`. */
    heartbeatMs: ms.default(15_000),
    /** Subscriptions (topics or patterns) one connection may hold. */
    maxSubscriptions: z.number().int().positive().default(100),
    /** Largest inbound frame; a larger one closes the connection with 1009 (Bun's `maxPayloadLength`). */
    maxPayloadLength: bytes.default(4 * 1024),
    /** Bytes Bun buffers for one connection before it drops what is sent to it (Bun's `backpressureLimit`). */
    backpressureLimit: bytes.default(1024 * 1024),
    /** Buffered bytes past which a connection is lagging: taken off the fan-out and conflated. */
    lagBytes: bytes.default(256 * 1024),
    /** A connection lagging for longer than this is closed with 4008. */
    slowCloseMs: ms.default(10_000),
    /** How often buffered amounts are looked at (and lagging connections flushed, besides `drain`). */
    sweepMs: ms.default(100),
    /** Frames one lagging connection may have waiting (one per topic, plus replies); past it: 4008. */
    maxPending: z.number().int().positive().default(10_000),
    /** How often `/ws/market/summary` sends what changed. */
    summaryMs: ms.default(1_000),
    /** How long a seed path waits for an actor's view (`symbol/<SYMBOL>`, `summary/<class>`). */
    askTimeoutMs: ms.default(1_000),
  })
  .refine((o) => o.lagBytes <= o.backpressureLimit, { message: 'lagBytes must not exceed backpressureLimit', path: ['lagBytes'] });

export type WsOptions = z.output<typeof wsOptionsSchema>;
export type WsOptionsInput = z.input<typeof wsOptionsSchema>;
