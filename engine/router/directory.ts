import type { Address } from '../names.ts';
import type { SpawnSpec } from '../wire/system.ts';

export interface ActorRecord {
  spec: SpawnSpec;
  worker: number;
  snapshot: unknown;
  /** Spawn order: parents are always older than their children. */
  order: number;
}

/**
 * Every live actor the router knows of, with its latest snapshot: what a respawned worker
 * re-creates. Kept from the hosts' spawned/stopped/snapshot notices.
 */
export class Directory {
  private readonly records = new Map<Address, ActorRecord>();
  private order = 0;

  upsert(spec: SpawnSpec, worker: number): void {
    const existing = this.records.get(spec.address);
    if (existing) {
      existing.spec = spec;
      existing.worker = worker;
    } else this.records.set(spec.address, { spec, worker, snapshot: undefined, order: this.order++ });
  }

  has(address: Address): boolean {
    return this.records.has(address);
  }

  get(address: Address): ActorRecord | undefined {
    return this.records.get(address);
  }

  remove(address: Address): void {
    this.records.delete(address);
  }

  snapshot(address: Address, data: unknown): void {
    const r = this.records.get(address);
    if (r) r.snapshot = data;
  }

  restarted(address: Address, restarts: number): void {
    const r = this.records.get(address);
    if (r) r.spec = { ...r.spec, restarts };
  }

  onWorker(worker: number): ActorRecord[] {
    return [...this.records.values()].filter((r) => r.worker === worker).sort((a, b) => a.order - b.order);
  }

  childrenOf(parent: Address): Address[] {
    return [...this.records.values()]
      .filter((r) => r.spec.parent === parent)
      .sort((a, b) => a.order - b.order)
      .map((r) => r.spec.address);
  }

  get size(): number {
    return this.records.size;
  }
}
