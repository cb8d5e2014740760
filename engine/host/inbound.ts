import type { TopicPattern } from '../names.ts';
import { HEADER, OP_ASK, OP_OBJECT, OP_SYSTEM, type Batch } from '../wire/records.ts';
import { askRecord, describeIssues, systemMessage } from '../wire/system.ts';
import type { NumericEntry } from '../wire/table.ts';
import { AskEnvelope, type ActorCell } from './cell.ts';
import { typeName } from './dead-letters.ts';
import type { WorkerHost } from './host.ts';

/**
 * A worker's boundary: decodes an inbound batch into mailboxes and checks everything on the
 * way (record layout, finite numbers, each kind's zod protocol, engine messages against their
 * schemas). Whatever fails becomes a dead letter with its reason; nothing here throws.
 */
export class Inbound {
  constructor(private readonly host: WorkerHost) {}

  accept(batch: Batch): void {
    const h = this.host;
    const { f64, objs } = batch;
    h.counts.took(batch.seq, batch.count);
    let o = 0;
    let n = 0;
    // Consecutive records usually go to the same actor: look it up once per run of them.
    let lastDst = -1;
    let target: ActorCell | undefined;
    while (o < f64.length && n < batch.count) {
      const op = f64[o]!;
      const dst = f64[o + 1]!;
      const src = f64[o + 2]!;
      const seq = f64[o + 3]!;
      if (op >= 0) {
        const entry = h.refs.table.entries[op];
        const run = f64[o + 4]!;
        const end = o + HEADER + run * (entry?.width ?? 0);
        if (!entry || !(run >= 1) || end > f64.length) {
          const reason = entry ? `malformed run of ${run} "${entry.type}" records` : `unknown message table entry ${op}`;
          h.dead('(batch)', `#${op}`, `${reason}; the ${batch.count - n} records from here on are dropped`, batch.count - n);
          return;
        }
        if (dst !== lastDst) {
          lastDst = dst;
          target = h.cells.get(dst);
        }
        this.acceptRun(target, dst, entry, f64, o + HEADER, run, src, seq);
        o = end;
        n += run;
        continue;
      }
      const value = objs[f64[o + HEADER]!];
      o += HEADER + 1;
      n++;
      lastDst = -1; // an object record may spawn or stop an actor
      if (op === OP_OBJECT) this.acceptObject(dst, value, src, seq);
      else if (op === OP_SYSTEM) this.acceptSystem(dst, value);
      else if (op === OP_ASK) this.acceptAsk(dst, value, src, seq);
      else h.dead(`#${dst}`, `op ${op}`, 'unknown record op');
    }
  }

  private acceptRun(cell: ActorCell | undefined, dst: number, entry: NumericEntry, f64: Float64Array, at: number, run: number, src: number, seq: number): void {
    const h = this.host;
    if (!cell) return h.dead(`#${dst}`, entry.type, 'no such actor on this worker', run);
    if (cell.kind !== entry.kind) return h.dead(cell.address, entry.type, `message of kind "${entry.kind}" sent to a "${cell.kind}"`, run);
    for (let j = 0; j < run; j++, at += entry.width) {
      const msg = entry.decode(f64, at);
      if (msg === null) h.dead(cell.address, entry.type, `invalid "${entry.type}" message: a field is not a finite number`);
      else h.enqueue(cell, msg, src, seq + j);
    }
  }

  private acceptObject(dst: number, value: unknown, src: number, seq: number): void {
    const h = this.host;
    const cell = h.cells.get(dst);
    if (!cell) return h.dead(`#${dst}`, typeName(value), 'no such actor on this worker');
    const parsed = cell.behaviour.protocol.parse(value);
    if (!parsed.ok) return h.dead(cell.address, typeName(value), parsed.error);
    h.enqueue(cell, parsed.msg, src, seq);
  }

  private acceptAsk(dst: number, value: unknown, src: number, seq: number): void {
    const h = this.host;
    const ask = askRecord.safeParse(value);
    if (!ask.success) return h.dead(`#${dst}`, 'ask', `malformed ask: ${describeIssues(ask.error)}`);
    const cell = h.cells.get(dst);
    const fail = (reason: string) => {
      h.dead(cell?.address ?? `#${dst}`, typeName(ask.data.msg), reason);
      h.toMain({ t: 'reply', askId: ask.data.askId, ok: false, value: null, error: reason });
    };
    if (!cell) return fail('no such actor on this worker');
    const parsed = cell.behaviour.protocol.parse(ask.data.msg);
    if (!parsed.ok) return fail(parsed.error);
    h.enqueue(cell, new AskEnvelope(ask.data, parsed.msg), src, seq);
  }

  private acceptSystem(dst: number, value: unknown): void {
    const h = this.host;
    const parsed = systemMessage.safeParse(value);
    if (!parsed.success) return h.dead(`#${dst}`, typeName(value, 't'), `malformed system message: ${describeIssues(parsed.error)}`);
    const msg = parsed.data;
    if (dst === 0) {
      if (msg.t !== 'spawn' && msg.t !== 'subscribe' && msg.t !== 'unsubscribe') {
        return h.dead('(worker)', msg.t, `system message "${msg.t}" is not for a worker`);
      }
      h.counts.processed++;
      if (msg.t === 'spawn') h.lifecycle.start(msg.spec);
      else if (msg.t === 'subscribe') h.subs.add(msg.pattern as TopicPattern, msg.subscriber);
      else h.subs.remove(msg.pattern as TopicPattern, msg.subscriber);
      return;
    }
    const cell = h.cells.get(dst);
    if (!cell) return h.dead(`#${dst}`, msg.t, 'no such actor on this worker');
    h.enqueueSystem(cell, msg);
  }
}
