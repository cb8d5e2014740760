import { describe, expect, test } from 'bun:test';
import { z } from 'zod';
import { behaviour } from '../behaviour/behaviour.ts';
import { protocol } from '../behaviour/protocol.ts';
import { BehaviourRegistry } from '../behaviour/registry.ts';
import { BatchWriter } from './batch.ts';
import { HEADER, OP_OBJECT } from './records.ts';
import { MessageTable } from './table.ts';

const quotes = behaviour({
  kind: 'quotes',
  protocol: protocol({ tick: { price: z.number(), qty: z.number() }, note: { text: z.string() } }),
  init: () => null,
  handlers: { tick: () => {}, note: () => {} },
});

describe('protocol', () => {
  test('numbers-only types get a wire layout; others travel as objects', () => {
    expect(quotes.protocol.numericFields('tick')).toEqual(['price', 'qty']);
    expect(quotes.protocol.numericFields('note')).toBeNull();
  });

  test('parse names the type and the field that is wrong', () => {
    expect(quotes.protocol.parse({ type: 'tick', price: 1, qty: 2 })).toEqual({ ok: true, msg: { type: 'tick', price: 1, qty: 2 } });
    const bad = quotes.protocol.parse({ type: 'tick', price: 'x', qty: 2 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('invalid "tick" message');
    expect(!bad.ok && bad.error).toContain('price');
    const unknown = quotes.protocol.parse({ type: 'nope' });
    expect(!unknown.ok && unknown.error).toContain('unknown message type "nope"; expected one of "tick", "note"');
  });
});

describe('batches', () => {
  const table = new MessageTable(new BehaviourRegistry([quotes]));

  test('numeric records round-trip; consecutive ones share a header; non-finite fields decode to null', () => {
    const entry = table.lookup('quotes', 'tick')!;
    const w = new BatchWriter();
    w.numeric(entry, 42, 7, 1, { type: 'tick', price: 101.5, qty: 3 });
    w.numeric(entry, 42, 7, 2, { type: 'tick', price: Number.NaN, qty: 3 });
    w.numeric(entry, 42, 7, 4, { type: 'tick', price: 99, qty: 1 }); // a gap in seq starts a new run
    w.object(OP_OBJECT, 42, 7, 5, { type: 'note', text: 'hi' });
    const batch = w.take(0)!;
    expect(batch.count).toBe(4);
    expect(Array.from(batch.f64.subarray(0, HEADER))).toEqual([entry.id, 42, 7, 1, 2]);
    expect(entry.decode(batch.f64, HEADER)).toEqual({ type: 'tick', price: 101.5, qty: 3 });
    expect(entry.decode(batch.f64, HEADER + 2)).toBeNull();
    expect(Array.from(batch.f64.subarray(HEADER + 4, 2 * HEADER + 4))).toEqual([entry.id, 42, 7, 4, 1]);
    expect(batch.f64.length).toBe(3 * HEADER + 3 * 2 + 1);
    expect(batch.objs).toEqual([{ type: 'note', text: 'hi' }]);
    expect(w.take(0)).toBeNull();
  });
});
