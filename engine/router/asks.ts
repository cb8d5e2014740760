import type { Clock, TimerId } from '../clock/clock.ts';
import type { Address } from '../names.ts';

/** An ask got no reply in time. The message names the actor, the message type and the limit. */
export class AskTimeoutError extends Error {
  override name = 'AskTimeoutError';
}

/** The actor answered the ask with a failure (it threw, it does not exist, the message was invalid). */
export class AskFailedError extends Error {
  override name = 'AskFailedError';
}

interface Pending {
  to: Address;
  worker: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: TimerId;
}

/** Asks from the main thread waiting for their reply; timeouts run on the injected clock. */
export class PendingAsks {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  open(to: Address, worker: number, type: string, timeoutMs: number): { id: number; reply: Promise<unknown> } {
    const id = this.nextId++;
    const reply = new Promise<unknown>((resolve, reject) => {
      const timer = this.clock.at(this.clock.now() + timeoutMs, () => {
        this.pending.delete(id);
        reject(new AskTimeoutError(`ask to ${to} ("${type}") got no reply within ${timeoutMs} ms`));
      });
      this.pending.set(id, { to, worker, resolve, reject, timer });
    });
    return { id, reply };
  }

  settle(id: number, ok: boolean, value: unknown, error?: string): void {
    const p = this.pending.get(id);
    if (!p) return; // already timed out
    this.pending.delete(id);
    this.clock.cancel(p.timer);
    if (ok) p.resolve(value);
    else p.reject(new AskFailedError(error ?? 'ask failed'));
  }

  /** A worker died: asks it had taken will never be answered; those it never took (`resent`) will. */
  failOnWorker(worker: number, resent: ReadonlySet<number>, why: string): void {
    for (const [id, p] of this.pending) {
      if (p.worker !== worker || resent.has(id)) continue;
      this.settle(id, false, null, `${p.to} did not answer: worker ${worker} ${why}`);
    }
  }

  rejectAll(why: string): void {
    for (const [id, p] of this.pending) {
      this.clock.cancel(p.timer);
      p.reject(new AskFailedError(why));
      this.pending.delete(id);
    }
  }

  get size(): number {
    return this.pending.size;
  }
}
