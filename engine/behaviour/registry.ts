import type { AnyBehaviour } from './behaviour.ts';

/**
 * The actor kinds a system knows. Every thread loads the same behaviour modules (each exports
 * `behaviours: Behaviour[]`) so that they agree on kinds and on the wire table.
 */
export class BehaviourRegistry {
  private readonly byKind = new Map<string, AnyBehaviour>();

  constructor(behaviours: readonly AnyBehaviour[]) {
    for (const b of behaviours) {
      if (b.kind === 'system') throw new Error('The kind "system" is reserved for the engine');
      if (this.byKind.has(b.kind)) throw new Error(`Two behaviours declare the kind "${b.kind}"`);
      this.byKind.set(b.kind, b);
    }
  }

  static async load(modules: readonly string[]): Promise<BehaviourRegistry> {
    const all: AnyBehaviour[] = [];
    for (const specifier of modules) {
      const mod = (await import(specifier)) as { behaviours?: AnyBehaviour[] };
      if (!Array.isArray(mod.behaviours)) throw new Error(`Behaviour module ${specifier} does not export "behaviours: Behaviour[]"`);
      all.push(...mod.behaviours);
    }
    return new BehaviourRegistry(all);
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }

  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  get(kind: string): AnyBehaviour {
    const b = this.byKind.get(kind);
    if (!b) throw new Error(`Unknown actor kind "${kind}"; known kinds: ${this.kinds().join(', ') || '(none)'}`);
    return b;
  }
}
