// A latency histogram that merges across processes: log buckets 1% wide from 1 µs, so a
// percentile read from it is within 1% of the true sample, and a client process can report
// millions of samples as a few hundred numbers.
const FLOOR_MS = 0.001;
const GROWTH = Math.log(1.01);

export type SparseHistogram = Record<string, number>;

export class LatencyHistogram {
  private readonly counts = new Map<number, number>();
  count = 0;
  max = 0;

  /** Latencies below 1 µs (or negative, from the two clocks' skew) count as 1 µs. */
  record(ms: number): void {
    const index = ms <= FLOOR_MS ? 0 : Math.floor(Math.log(ms / FLOOR_MS) / GROWTH);
    this.counts.set(index, (this.counts.get(index) ?? 0) + 1);
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  toJSON(): { counts: SparseHistogram; max: number } {
    return { counts: Object.fromEntries(this.counts), max: this.max };
  }

  add(other: { counts: SparseHistogram; max: number }): void {
    for (const [index, n] of Object.entries(other.counts)) {
      this.counts.set(Number(index), (this.counts.get(Number(index)) ?? 0) + n);
      this.count += n;
    }
    this.max = Math.max(this.max, other.max);
  }

  /** The upper edge of the bucket holding the p-th percentile sample (p in [0, 100]). */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (const index of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(index)!;
      if (seen >= rank) return Math.min(this.max, FLOOR_MS * Math.exp((index + 1) * GROWTH));
    }
    return this.max;
  }
}
