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
  /** The open run of numeric records: where its header is, and what would extend it. */
  private runAt = -1;
  private runOp = 0;
  private runDst = 0;
  private runSrc = 0;
  private runNextSeq = 0;

  get size(): number {
    return this.len;
  }

  numeric(entry: NumericEntry, dst: number, src: number, seq: number, msg: unknown): void {
    if (this.runAt >= 0 && seq === this.runNextSeq && dst === this.runDst && src === this.runSrc && entry.id === this.runOp) {
      const at = this.reserve(entry.width);
      entry.encode(this.buf, at, msg);
      this.buf[this.runAt + 4]!++;
      this.runNextSeq++;
      this.count++;
      return;
    }
    const at = this.header(entry.id, dst, src, seq, entry.width);
    entry.encode(this.buf, at, msg);
    this.runAt = at - HEADER;
    this.runOp = entry.id;
    this.runDst = dst;
    this.runSrc = src;
    this.runNextSeq = seq + 1;
  }

  object(op: number, dst: number, src: number, seq: number, value: unknown): void {
    this.runAt = -1;
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
    this.runAt = -1;
    return batch;
  }

  private header(op: number, dst: number, src: number, seq: number, payload: number): number {
    const o = this.reserve(HEADER + payload);
    const b = this.buf;
    b[o] = op;
    b[o + 1] = dst;
    b[o + 2] = src;
    b[o + 3] = seq;
    b[o + 4] = 1;
    this.count++;
    return o + HEADER;
  }

  /** Makes room for `n` doubles and returns where they start. */
  private reserve(n: number): number {
    const o = this.len;
    const need = o + n;
    if (need > this.buf.length) {
      const bigger = new Float64Array(Math.max(need, this.buf.length * 2));
      bigger.set(this.buf.subarray(0, o));
      this.buf = bigger;
    }
    this.len = need;
    return o;
  }
}
