import type { OverflowPolicy } from '../mailbox/mailbox.ts';
import type { ActorCell } from './cell.ts';
import type { DeadLetter } from './dead-letters.ts';
import type { WorkerHost } from './host.ts';

/** One actor as introspection shows it. */
export interface ActorInfo {
  address: string;
  kind: string;
  parent: string;
  status: ActorCell['status'];
  mailbox: { depth: number; capacity: number; overflow: OverflowPolicy };
  processed: number;
  dropped: number;
  restarts: number;
  failures: number;
  children: string[];
}

export interface WorkerIntrospection {
  index: number;
  actors: ActorInfo[];
  deadLetters: DeadLetter[];
  subscriptions: { pattern: string; subscribers: string[] }[];
}

/**
 * The control plane a worker exposes to the main thread over comlink (queries, not data):
 * it runs on its own MessagePort, so a query never waits behind a data batch.
 */
export function controlApi(host: WorkerHost) {
  const find = (address: string) => [...host.cells.values()].find((c) => c.address === address);
  return {
    introspect(): WorkerIntrospection {
      return {
        index: host.index,
        actors: [...host.cells.values()].map((c) => ({
          address: c.address,
          kind: c.kind,
          parent: c.parent,
          status: c.status,
          mailbox: { depth: c.mailbox.depth, capacity: c.mailbox.spec.capacity, overflow: c.mailbox.spec.overflow },
          processed: c.processed,
          dropped: c.dropped,
          restarts: c.restarts,
          failures: c.failures,
          children: [...c.children],
        })),
        deadLetters: host.deadLetters.list(),
        subscriptions: host.subs.entries(),
      };
    },
    /** Runs a full garbage collection on this worker and returns its heap size after (bytes). */
    gc(): number {
      Bun.gc(true);
      return process.memoryUsage().heapUsed;
    },
    /** The actor's state (its snapshot form when it has one), or undefined when it does not live here. */
    actorState(address: string): unknown {
      const cell = find(address);
      if (!cell) return undefined;
      return cell.behaviour.snapshot ? cell.behaviour.snapshot(cell.state) : cell.state;
    },
  };
}

export type ControlApi = ReturnType<typeof controlApi>;
