import { expect, test } from 'bun:test';
import { readdirSync } from 'node:fs';
import { parseFrame, type BinanceEvent, type FrameResult } from './messages.ts';
import { FIXTURES, fixture, readCapture } from './testing/local-binance.ts';

const parsed = (text: string): BinanceEvent => {
  const r = parseFrame(text);
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return r.event;
};
const refused = (text: string): Extract<FrameResult, { ok: false }> => {
  const r = parseFrame(text);
  if (r.ok) throw new Error(`parsed: ${JSON.stringify(r.event)}`);
  return r;
};

const aggTrade = fixture('ws_combined_aggTrade_NKNUSDT.json').trim();
const kline = fixture('ws_combined_kline_1m_NKNUSDT.json').trim();
const trade = fixture('ws_combined_trade_ETHUSDT.json');

test('every recorded ws_* file parses', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.startsWith('ws_') && f.endsWith('.json'));
  expect(files.length).toBe(7);
  for (const f of files) expect({ f, r: parseFrame(fixture(f)).ok }).toEqual({ f, r: true });
});

test('the events carry the recorded values, prices and quantities as numbers', () => {
  expect(parsed(trade)).toEqual({ kind: 'trade', symbol: 'ETHUSDT', time: 1639351062243, price: 4149.74, qty: 0.4387 });
  expect(parsed(aggTrade)).toEqual({ kind: 'trade', symbol: 'NKNUSDT', time: 1633998523963, price: 0.3528, qty: 58 });
  expect(parsed(kline)).toEqual({
    kind: 'kline', symbol: 'NKNUSDT', interval: '1m', closed: false,
    bar: { openTime: 1633998480000, open: 0.3527, high: 0.3528, low: 0.3522, close: 0.3528, volume: 25877 },
  });
  // The raw (single-stream) form of the same payloads gives the same events.
  expect(parsed(fixture('ws_raw_kline_1m_NKNUSDT.json'))).toEqual(parsed(kline));
  expect(parsed(fixture('ws_raw_aggTrade_NKNUSDT.json'))).toEqual(parsed(aggTrade));
  expect(parsed(fixture('ws_combined_bookTicker.json'))).toEqual({ kind: 'bookTicker', symbol: 'NKNUSDT', updateId: 499869768, bid: 0.3521, bidQty: 672, ask: 0.3526, askQty: 3199 });
  const depth = parsed(fixture('ws_combined_depthUpdate_100ms.json'));
  expect(depth).toMatchObject({ kind: 'depth', symbol: 'NKNUSDT', time: 1633998512068, firstUpdateId: 499869750, finalUpdateId: 499869752, asks: [] });
  expect(depth.kind === 'depth' && depth.bids[0]).toEqual([0.3513, 6195]);
});

test('every frame of the recorded capture parses; counts by kind', () => {
  const { frames } = readCapture('ws_capture_spot_combined_2021-10-12.txt');
  expect(frames.length).toBe(265);
  const counts: Record<string, number> = {};
  for (const f of frames) {
    const e = parsed(f);
    counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  }
  expect(counts).toEqual({ depth: 177, bookTicker: 84, trade: 2, kline: 2 });
});

test('truncated JSON is refused, at every length, without throwing', () => {
  for (let n = 0; n < aggTrade.length; n++) expect(refused(aggTrade.slice(0, n)).reason).toBe('bad-json');
  expect(refused(aggTrade.slice(0, 120)).detail).toStartWith('truncated JSON (JSON Parse error: ');
  expect(refused('{"stream":"nknusdt@aggTrade",}').detail).toStartWith('invalid JSON (');
});

test('a wrong type names its field', () => {
  const priceAsNumber = refused(aggTrade.replace('"p":"0.35280000"', '"p":0.3528'));
  expect(priceAsNumber).toEqual({ ok: false, reason: 'bad-payload', detail: 'data.p: Invalid input: expected string, received number' });
  expect(refused(aggTrade.replace('"T":1633998523963', '"T":"1633998523963"')).detail).toBe('data.T: Invalid input: expected number, received string');
  expect(refused(kline.replace('"o":"0.35270000"', '"o":0.3527')).detail).toStartWith('data.k.o: ');
  expect(refused(kline.replace('"x":false', '"x":"false"')).detail).toStartWith('data.k.x: ');
  expect(refused(aggTrade.replace('"q":"58.00000000"', '"q":"abc"')).detail).toBe('data.q: expected a decimal string');
  expect(refused(aggTrade.replace('"q":"58.00000000"', '"q":""')).detail).toBe('data.q: expected a decimal string');
  expect(refused(aggTrade.replace('"q":"58.00000000"', `"q":"${'9'.repeat(400)}"`)).detail).toBe('data.q: decimal string out of range');
  const depth = fixture('ws_combined_depthUpdate_100ms.json').replace('["0.35130000","6195.00000000"]', '["0.35130000",6195]');
  expect(refused(depth).detail).toStartWith('data.b[0][1]: ');
  expect(refused(aggTrade.replace(',"s":"NKNUSDT"', '')).detail).toStartWith('data.s: ');
});

test('unknown streams, envelopes and event types are refused as such', () => {
  expect(refused(aggTrade.replace('nknusdt@aggTrade', 'nknusdt@aggTrades'))).toEqual({ ok: false, reason: 'unknown-stream', detail: 'unknown stream "nknusdt@aggTrades"' });
  expect(refused(aggTrade.replace('nknusdt@aggTrade', 'nknusdt@depth5@100ms')).reason).toBe('unknown-stream');
  expect(refused(fixture('ws_raw_aggTrade_NKNUSDT.json').replace('"e":"aggTrade"', '"e":"outboundAccountPosition"')).reason).toBe('unknown-stream');
  expect(refused('{"result":null,"id":1}').reason).toBe('unknown-stream'); // an answer to a SUBSCRIBE request
  expect(refused('{"stream":5,"data":{}}')).toEqual({ ok: false, reason: 'bad-envelope', detail: 'frame.stream: Invalid input: expected string, received number' });
  for (const text of ['[]', 'null', '"x"', '42']) expect(refused(text).reason).toBe('bad-envelope');
});

test('a payload that contradicts its stream, or a kline outside its own range, is refused', () => {
  expect(refused(aggTrade.replace('nknusdt@aggTrade', 'btcusdt@aggTrade')).reason).toBe('stream-mismatch');
  expect(refused(aggTrade.replace('nknusdt@aggTrade', 'nknusdt@trade')).detail).toBe('data.e: Invalid input: expected "trade"');
  expect(refused(kline.replace('nknusdt@kline_1m', 'nknusdt@kline_5m')).reason).toBe('stream-mismatch');
  expect(refused(kline.replace('"h":"0.35280000"', '"h":"0.30000000"'))).toMatchObject({ reason: 'bad-bar' });
});

test('a frame over the size limit is refused before it is parsed', () => {
  const huge = `{"stream":"nknusdt@aggTrade","data":{"pad":"${'x'.repeat(1 << 20)}"}}`;
  expect(refused(huge)).toEqual({ ok: false, reason: 'too-large', detail: `frame of ${huge.length} characters, limit ${1 << 20}` });
  // Invalid JSON past the limit still says too-large: JSON.parse never saw it.
  expect(refused('{'.repeat(2 << 20)).reason).toBe('too-large');
  expect(parseFrame(aggTrade, 100)).toMatchObject({ ok: false, reason: 'too-large' });
});
