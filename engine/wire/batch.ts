import { HEADER, OP_OBJECT, type Batch } from './records.ts';
import type { NumericEntry } from './table.ts';

/** Flush a destination early past this many doubles (256 KiB), so one huge turn cannot hoard memory. */
export const FLUSH_AT = 1 << 15;

/** Accumulates the records bound for one destination during a turn. */
export class BatchWriter {
  private buf = new Float64Array(1024);
  private len = 0;
  private objs: unknown[] = [];
  count = 0;

  get size(): number {
    return this.len;
  }

  numeric(entry: NumericEntry, dst: number, src: number, seq: number, msg: unknown): void {
    const at = this.header(entry.id, dst, src, seq, entry.width);
    entry.encode(this.buf, at, msg);
  }

  object(op: number, dst: number, src: number, seq: number, value: unknown): void {
    const at = this.header(op, dst, src, seq, 1);
    this.buf[at] = this.objs.length;
    this.objs.push(value);
  }

  message(entry: NumericEntry | undefined, dst: number, src: number, seq: number, msg: unknown): void {
    if (entry) this.numeric(entry, dst, src, seq, msg);
    else this.object(OP_OBJECT, dst, src, seq, msg);
  }

  /** Hands over the pending records as a batch (a compact copy) and starts empty. */
  take(to: number): Batch | null {
    if (this.count === 0) return null;
    const batch: Batch = { t: 'batch', seq: 0, to, count: this.count, f64: this.buf.slice(0, this.len), objs: this.objs };
    this.len = 0;
    this.count = 0;
    this.objs = [];
    return batch;
  }

  private header(op: number, dst: number, src: number, seq: number, payload: number): number {
    const need = this.len + HEADER + payload;
    if (need > this.buf.length) {
      const bigger = new Float64Array(Math.max(need, this.buf.length * 2));
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
    const b = this.buf;
    const o = this.len;
    b[o] = op;
    b[o + 1] = dst;
    b[o + 2] = src;
    b[o + 3] = seq;
    this.len = need;
    this.count++;
    return o + HEADER;
  }
}
