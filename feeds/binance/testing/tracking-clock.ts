import type { Clock, TimerId } from '../../../engine/clock/clock.ts';

/** A clock that counts its pending timers, so a test can check that a closed connection left none. */
export class TrackingClock implements Clock {
  private readonly live = new Set<TimerId>();

  constructor(private readonly inner: Clock) {}

  now(): number {
    return this.inner.now();
  }

  monotonic(): number {
    return this.inner.monotonic();
  }

  at(time: number, fire: () => void): TimerId {
    const id = this.inner.at(time, () => {
      this.live.delete(id);
      fire();
    });
    this.live.add(id);
    return id;
  }

  cancel(id: TimerId): void {
    this.live.delete(id);
    this.inner.cancel(id);
  }

  get pending(): number {
    return this.live.size;
  }
}
