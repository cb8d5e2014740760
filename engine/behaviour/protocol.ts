import { z } from 'zod';

/**
 * A protocol: the messages an actor kind accepts, as zod shapes keyed by message type.
 * Messages are immutable tagged unions (`{ type: 'inc', by: 1 }`). The schemas are checked
 * where a message crosses a trust boundary (a worker, the edge), not on every in-process hop.
 * A type whose fields are all numbers travels between workers as a Float64 record (the fast
 * path); any other type travels as a structured-cloned object.
 */
export type Shapes = Record<string, z.ZodRawShape>;

// A type with no fields is just `{ type }` (z.infer of an empty shape would forbid every key, `type` included).
type Fields<S extends z.ZodRawShape> = keyof S extends never ? unknown : z.infer<z.ZodObject<S>>;

export type MessageOf<D extends Shapes> = {
  [K in keyof D & string]: Readonly<{ type: K } & Fields<D[K]>>;
}[keyof D & string];

export type ParseResult<M> = { ok: true; msg: M } | { ok: false; error: string };

export interface Protocol<D extends Shapes = Shapes> {
  readonly types: readonly (keyof D & string)[];
  /** Field names in wire order when every field is a number; null for object messages. */
  numericFields(type: string): readonly string[] | null;
  parse(value: unknown): ParseResult<MessageOf<D>>;
}

const isNumber = (schema: unknown) => (schema as { _zod?: { def?: { type?: string } } })._zod?.def?.type === 'number';

export function protocol<const D extends Shapes>(defs: D): Protocol<D> {
  const schemas = new Map<string, z.ZodType>();
  const numeric = new Map<string, readonly string[]>();
  for (const [type, shape] of Object.entries(defs)) {
    schemas.set(type, z.strictObject({ type: z.literal(type), ...shape }));
    const fields = Object.keys(shape);
    if (fields.every((f) => isNumber(shape[f]))) numeric.set(type, fields);
  }
  const known = [...schemas.keys()].map((t) => `"${t}"`).join(', ');
  return {
    types: Object.keys(defs) as (keyof D & string)[],
    numericFields: (type) => numeric.get(type) ?? null,
    parse(value) {
      const type = (value as { type?: unknown } | null)?.type;
      const schema = typeof type === 'string' ? schemas.get(type) : undefined;
      if (!schema) return { ok: false, error: `unknown message type ${JSON.stringify(type)}; expected one of ${known}` };
      const r = schema.safeParse(value);
      return r.success
        ? { ok: true, msg: r.data as MessageOf<D> }
        : { ok: false, error: `invalid "${type}" message: ${z.prettifyError(r.error).replaceAll('\n', ' ')}` };
    },
  };
}
