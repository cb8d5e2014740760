import { expect, test } from 'bun:test';
import { marketFrame, parseInbound } from './protocol.ts';

test('the three ops parse', () => {
  expect(parseInbound('{"op":"subscribe","topic":"tick.BTCUSDT"}')).toEqual({ ok: true, req: { op: 'subscribe', topic: 'tick.BTCUSDT' } });
  expect(parseInbound('{"op":"unsubscribe","topic":"tick.>"}')).toEqual({ ok: true, req: { op: 'unsubscribe', topic: 'tick.>' } });
  expect(parseInbound('{"op":"ping"}')).toEqual({ ok: true, req: { op: 'ping' } });
});

test('each kind of bad frame has its own code', () => {
  const code = (raw: string | Buffer) => {
    const p = parseInbound(raw);
    return p.ok ? 'ok' : p.error.code;
  };
  expect(code('{"op":')).toBe('bad-json');
  expect(code(Buffer.from('{"op":"ping"}'))).toBe('bad-frame');
  expect(code('[1,2]')).toBe('bad-frame');
  expect(code('"ping"')).toBe('bad-frame');
  expect(code('null')).toBe('bad-frame');
  expect(code('{"op":"publish","topic":"tick.BTCUSDT"}')).toBe('unknown-op');
  expect(code('{"topic":"tick.BTCUSDT"}')).toBe('unknown-op');
  expect(code('{"op":"subscribe"}')).toBe('bad-request');
  expect(code('{"op":"subscribe","topic":""}')).toBe('bad-request');
  expect(code('{"op":"subscribe","topic":42}')).toBe('bad-request');
  expect(code('{"op":"ping","extra":true}')).toBe('bad-request');
  expect(code(`{"op":"subscribe","topic":"${'a'.repeat(201)}"}`)).toBe('bad-request');
});

test('errors say what is wrong and which op it was', () => {
  expect(parseInbound('{"op":"subscribe","topic":7}')).toMatchObject({ ok: false, error: { type: 'error', code: 'bad-request', op: 'subscribe', message: expect.stringContaining('topic') } });
  expect(parseInbound('{"op":"nope"}')).toMatchObject({ ok: false, error: { message: 'unknown op "nope": expected subscribe, unsubscribe, ping' } });
});

test('a market frame is valid JSON around data serialized once', () => {
  const frame = marketFrame('delta', 'tick.BTCUSDT', 3, JSON.stringify({ price: 1.5, note: 'a "quoted" word' }));
  expect(JSON.parse(frame)).toEqual({ type: 'delta', topic: 'tick.BTCUSDT', seq: 3, data: { price: 1.5, note: 'a "quoted" word' } });
});
