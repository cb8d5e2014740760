import type { Clock, TimerId } from './clock.ts';

interface Timer {
  time: number;
  seq: number;
  id: TimerId;
  fire: () => void;
}

const earlier = (a: Timer, b: Timer) => a.time < b.time || (a.time === b.time && a.seq < b.seq);

/**
 * Simulated time, advanced explicitly (by a replay driver or a test). Timers fire in
 * (time, registration order), each with now() equal to its own time: the same script always
 * produces the same order, however fast the machine.
 */
export class SimClock implements Clock {
  private current: number;
  private readonly heap: Timer[] = [];
  private readonly cancelled = new Set<TimerId>();
  private seq = 0;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  monotonic(): number {
    return this.current;
  }

  at(time: number, fire: () => void): TimerId {
    const id = ++this.seq;
    this.push({ time: Math.max(time, this.current), seq: id, id, fire });
    return id;
  }

  cancel(id: TimerId): void {
    this.cancelled.add(id);
  }

  /** The time of the next pending timer, or Infinity. */
  nextTimerAt(): number {
    this.dropCancelled();
    return this.heap[0]?.time ?? Infinity;
  }

  /** Fires every timer due up to `time`, in order (including ones scheduled while firing), then sets now = time. */
  advanceTo(time: number): void {
    if (time < this.current) throw new RangeError(`SimClock cannot go back in time: at ${this.current}, asked for ${time}`);
    for (;;) {
      this.dropCancelled();
      const next = this.heap[0];
      if (!next || next.time > time) break;
      this.pop();
      this.current = next.time;
      next.fire();
    }
    this.current = time;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  private dropCancelled(): void {
    while (this.heap[0] && this.cancelled.has(this.heap[0].id)) this.cancelled.delete(this.pop().id);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): Timer {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && earlier(h[l]!, h[m]!)) m = l;
        if (r < h.length && earlier(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
