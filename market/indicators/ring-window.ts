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
 */
export class RingWindow {
  private readonly values: number[];
  private count = 0;

  constructor(readonly size: number) {
    this.values = new Array<number>(size).fill(0);
  }

  /** How many values were ever pushed. */
  get pushed(): number {
    return this.count;
  }

  /** The slot the next push writes: where the oldest value of a full window sits. */
  private get nextSlot(): number {
    return this.count % this.size;
  }

  push(x: number): void {
    this.values[this.nextSlot] = x;
    this.count++;
  }

  /** The value the next push will overwrite (the oldest, once the window is full). */
  oldest(): number {
    return this.values[this.nextSlot]!;
  }

  /** Slot `i` (0 ≤ i < size) as it would read after pushing x. */
  readWith(i: number, x: number): number {
    return i === this.nextSlot ? x : this.values[i]!;
  }

  /** The largest value of the window after pushing x; meaningful once that window is full. */
  maxWith(x: number): number {
    let max = x;
    for (let i = 0; i < this.size; i++) if (i !== this.nextSlot && this.values[i]! > max) max = this.values[i]!;
    return max;
  }

  /** The smallest value of the window after pushing x; meaningful once that window is full. */
  minWith(x: number): number {
    let min = x;
    for (let i = 0; i < this.size; i++) if (i !== this.nextSlot && this.values[i]! < min) min = this.values[i]!;
    return min;
  }

  getState(): RingWindowState {
    return { values: this.values.slice(), pushed: this.count };
  }

  static restore(state: unknown, size: number): RingWindow {
    const s = ringWindowStateSchema.parse(state);
    if (s.values.length !== size) throw new RangeError(`ring window state holds ${s.values.length} values, expected ${size}`);
    const ring = new RingWindow(size);
    s.values.forEach((v, i) => (ring.values[i] = v));
    ring.count = s.pushed;
    return ring;
  }
}
