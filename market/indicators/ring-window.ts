import { z } from 'zod';

export const ringWindowStateSchema = z.object({
  values: z.array(z.number()).min(1),
  pushed: z.number().int().min(0),
});
export type RingWindowState = z.infer<typeof ringWindowStateSchema>;

/**
 * The last `size` values of a stream in a fixed ring: a push overwrites the oldest slot, so it
 * costs O(1) and the window never reallocates. Reads "with x" see the window as it would be
 * after pushing x, which lets `preview` evaluate a forming bar without writing anything.
 *
 * The windowed sums below visit the slots in index order, x standing in the slot the next push
 * writes: the order every indicator built on them has always summed in, so values keep their
 * last bit. They are split around that slot rather than testing each index for it.
 */
export class RingWindow {
  private readonly values: Float64Array;
  private count = 0;
  /** The slot the next push writes: where the oldest value of a full window sits. */
  private slot = 0;

  constructor(readonly size: number) {
    this.values = new Float64Array(size);
  }

  /** How many values were ever pushed. */
  get pushed(): number {
    return this.count;
  }

  push(x: number): void {
    this.values[this.slot] = x;
    this.slot = this.slot + 1 === this.size ? 0 : this.slot + 1;
    this.count++;
  }

  /** The value the next push will overwrite (the oldest, once the window is full). */
  oldest(): number {
    return this.values[this.slot]!;
  }

  /** The value pushed `back` pushes ago (1: the newest), 1 ≤ back ≤ min(pushed, size). */
  recent(back: number): number {
    const i = this.slot - back;
    return this.values[i < 0 ? i + this.size : i]!;
  }

  /** Σ (v - x) over the window after pushing x, whose own term is 0. */
  offsetSumWith(x: number): number {
    const v = this.values, skip = this.slot;
    let sum = 0;
    for (let i = 0; i < skip; i++) sum += v[i]! - x;
    // x's own term, x - x, is +0; and a sum that starts at +0 never becomes -0, so adding it changes nothing.
    for (let i = skip + 1; i < this.size; i++) sum += v[i]! - x;
    return sum;
  }

  /** Σ (v - x - offset)² over the window after pushing x. */
  squaredDeviationsWith(x: number, offset: number): number {
    const v = this.values, skip = this.slot;
    let sum = 0;
    for (let i = 0; i < skip; i++) {
      const d = v[i]! - x - offset;
      sum += d * d;
    }
    const own = x - x - offset;
    sum += own * own;
    for (let i = skip + 1; i < this.size; i++) {
      const d = v[i]! - x - offset;
      sum += d * d;
    }
    return sum;
  }

  /** Σ |v - x - offset| over the window after pushing x. */
  absoluteDeviationsWith(x: number, offset: number): number {
    const v = this.values, skip = this.slot;
    let sum = 0;
    for (let i = 0; i < skip; i++) sum += Math.abs(v[i]! - x - offset);
    sum += Math.abs(x - x - offset);
    for (let i = skip + 1; i < this.size; i++) sum += Math.abs(v[i]! - x - offset);
    return sum;
  }

  getState(): RingWindowState {
    return { values: Array.from(this.values), pushed: this.count };
  }

  static restore(state: unknown, size: number): RingWindow {
    const s = ringWindowStateSchema.parse(state);
    if (s.values.length !== size) throw new RangeError(`ring window state holds ${s.values.length} values, expected ${size}`);
    const ring = new RingWindow(size);
    ring.values.set(s.values);
    ring.count = s.pushed;
    ring.slot = s.pushed % size;
    return ring;
  }
}
