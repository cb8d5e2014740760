import { z } from 'zod';
import { NameError, parseAddress, type Address } from '../names.ts';

/**
 * Messages the engine itself sends (spawns, supervision, replies, snapshots, subscriptions).
 * They travel as OP_SYSTEM records, overtake user messages in a mailbox, and are validated
 * with these schemas whenever they cross a thread.
 */
const addressSchema = z.string().transform((text, ctx): Address => {
  try {
    return parseAddress(text);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof NameError ? e.message : String(e) });
    return z.NEVER;
  }
});

export const errorInfo = z.object({ name: z.string(), message: z.string(), stack: z.string().optional() });
export type ErrorInfo = z.infer<typeof errorInfo>;

export const spawnSpec = z.object({
  address: addressSchema,
  parent: addressSchema,
  props: z.unknown(),
  /** Present when re-spawning after a crash: the state to restore instead of init(). */
  snapshot: z.unknown().optional(),
  restarts: z.number().int().nonnegative(),
});
export type SpawnSpec = z.infer<typeof spawnSpec>;

export const engineEvent = z.looseObject({ type: z.string(), at: z.number() });

export const systemMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('spawn'), spec: spawnSpec }),
  z.object({ t: z.literal('spawned'), spec: spawnSpec, worker: z.number().int() }),
  z.object({ t: z.literal('stop'), reason: z.string() }),
  z.object({ t: z.literal('stopped'), address: addressSchema }),
  z.object({ t: z.literal('terminated'), child: addressSchema }),
  z.object({ t: z.literal('restart'), reason: z.string() }),
  z.object({ t: z.literal('resume') }),
  z.object({ t: z.literal('failed'), child: addressSchema, error: errorInfo }),
  z.object({ t: z.literal('subscribe'), pattern: z.string(), subscriber: addressSchema }),
  z.object({ t: z.literal('unsubscribe'), pattern: z.string(), subscriber: addressSchema }),
  z.object({ t: z.literal('publish'), topic: z.string(), msg: z.unknown() }),
  z.object({ t: z.literal('snapshot'), address: addressSchema, data: z.unknown() }),
  z.object({ t: z.literal('reply'), askId: z.number(), ok: z.boolean(), value: z.unknown(), error: z.string().optional() }),
  z.object({ t: z.literal('event'), event: engineEvent }),
]);
export type SystemMessage = z.infer<typeof systemMessage>;
/** The shape a sender builds (addresses already typed, before the schema's transform). */
export type SystemMessageIn = z.input<typeof systemMessage>;

export const askRecord = z.object({ askId: z.number(), msg: z.unknown() });
export type AskRecord = z.infer<typeof askRecord>;

export const toErrorInfo = (e: unknown): ErrorInfo =>
  e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : { name: 'Error', message: String(e) };

/** One line for a zod error, as a dead letter or an error frame carries it. */
export const describeIssues = (error: z.ZodError): string => z.prettifyError(error).replaceAll('\n', ' ');
