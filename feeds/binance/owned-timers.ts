import type { Clock, TimerId } from '../../engine/clock/clock.ts';

/**
 * The timers one owner has on a clock, so it can cancel all of them at once: a connection
 * that is closed or replaced must leave nothing behind that could fire into it later.
 */
export class OwnedTimers {
  private readonly ids = new Set<TimerId>();

  constructor(private readonly clock: Clock) {}

  at(time: number, fire: () => void): void {
    const id = this.clock.at(time, () => {
      this.ids.delete(id);
      fire();
    });
    this.ids.add(id);
  }

  after(ms: number, fire: () => void): void {
    this.at(this.clock.now() + ms, fire);
  }

  cancelAll(): void {
    for (const id of this.ids) this.clock.cancel(id);
    this.ids.clear();
  }

  get pending(): number {
    return this.ids.size;
  }
}
