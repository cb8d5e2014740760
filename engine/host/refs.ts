import { hash53 } from '../hash.ts';
import { kindOf, type Address } from '../names.ts';
import { placeAddress, type PlacementOverrides } from '../placement.ts';
import type { MessageTable, NumericEntry } from '../wire/table.ts';
import type { ActorCell } from './cell.ts';

/** A resolved address: its hash, worker and kind, plus a one-entry cache of the last message type's codec. */
export class Ref {
  readonly hash: number;
  readonly worker: number;
  readonly kind: string;
  /** The actor itself when it lives on this thread (re-resolved once it stops). */
  cell: ActorCell | undefined;
  private lastType = '';
  private lastEntry: NumericEntry | undefined;

  constructor(readonly address: Address, worker: number, private readonly table: MessageTable) {
    this.hash = hash53(address);
    this.worker = worker;
    this.kind = kindOf(address);
  }

  entry(type: string): NumericEntry | undefined {
    if (type !== this.lastType) {
      this.lastType = type;
      this.lastEntry = this.table.lookup(this.kind, type);
    }
    return this.lastEntry;
  }
}

export class RefCache {
  private readonly refs = new Map<string, Ref>();

  constructor(
    private readonly workers: number,
    private readonly placement: PlacementOverrides,
    readonly table: MessageTable,
  ) {}

  get(address: Address): Ref {
    let ref = this.refs.get(address);
    if (!ref) {
      ref = new Ref(address, placeAddress(address, this.workers, this.placement), this.table);
      this.refs.set(address, ref);
    }
    return ref;
  }
}
