import type { Clock, TimerId } from './clock.ts';

/** Wall time. The only place in the engine allowed to read Date.now() and to call setTimeout. */
export class LiveClock implements Clock {
  private readonly timers = new Map<TimerId, ReturnType<typeof setTimeout>>();
  private nextId = 1;

  now(): number {
    return Date.now();
  }

  monotonic(): number {
    return performance.now();
  }

  at(time: number, fire: () => void): TimerId {
    const id = this.nextId++;
    const handle = setTimeout(() => {
      this.timers.delete(id);
      fire();
    }, Math.max(0, time - Date.now()));
    this.timers.set(id, handle);
    return id;
  }

  cancel(id: TimerId): void {
    const handle = this.timers.get(id);
    if (handle !== undefined) clearTimeout(handle);
    this.timers.delete(id);
  }

  /** Pending timers; a host shutting down cancels them so the process can exit. */
  cancelAll(): void {
    for (const handle of this.timers.values()) clearTimeout(handle);
    this.timers.clear();
  }
}
