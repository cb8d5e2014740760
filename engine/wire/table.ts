import type { BehaviourRegistry } from '../behaviour/registry.ts';

/**
 * One entry per (actor kind, numeric message type). Every thread builds the same table from
 * the same behaviour modules, so an entry's index identifies it on the wire.
 */
export interface NumericEntry {
  readonly id: number;
  readonly kind: string;
  readonly type: string;
  readonly width: number;
  /** Writes the fields of `msg` at `buf[at..]`. */
  readonly encode: (buf: Float64Array, at: number, msg: unknown) => void;
  /** Builds the message from `buf[at..]`, or null when a field is not a finite number. */
  readonly decode: (buf: Float64Array, at: number) => unknown;
}

// Generated once per message type so every decoded message gets one monomorphic shape:
// several times faster than building objects field by field in a loop.
function compile(type: string, fields: readonly string[]) {
  const keys = fields.map((f) => JSON.stringify(f));
  const encode = new Function('b', 'o', 'm', fields.map((_, i) => `b[o+${i}]=m[${keys[i]}];`).join('')) as NumericEntry['encode'];
  const finite = fields.map((_, i) => `b[o+${i}]-b[o+${i}]===0`).join('&&') || 'true';
  const object = [`type:${JSON.stringify(type)}`, ...fields.map((_, i) => `${keys[i]}:b[o+${i}]`)].join(',');
  const decode = new Function('b', 'o', `return (${finite})?{${object}}:null;`) as NumericEntry['decode'];
  return { encode, decode };
}

export class MessageTable {
  readonly entries: NumericEntry[] = [];
  private readonly byKind = new Map<string, Map<string, NumericEntry>>();

  constructor(registry: BehaviourRegistry) {
    for (const kind of registry.kinds()) {
      const byType = new Map<string, NumericEntry>();
      const protocol = registry.get(kind).protocol;
      for (const type of [...protocol.types].sort()) {
        const fields = protocol.numericFields(type);
        if (!fields) continue;
        const entry = { id: this.entries.length, kind, type, width: fields.length, ...compile(type, fields) };
        this.entries.push(entry);
        byType.set(type, entry);
      }
      this.byKind.set(kind, byType);
    }
  }

  /** The numeric entry for a message sent to an actor of `kind`, or undefined for object messages. */
  lookup(kind: string, type: string): NumericEntry | undefined {
    return this.byKind.get(kind)?.get(type);
  }
}
