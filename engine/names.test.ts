import { describe, expect, test } from 'bun:test';
import { address, kindOf, idOf, parseAddress, topic, topicMatches, topicPattern } from './names.ts';
import { hash53 } from './hash.ts';

describe('addresses', () => {
  test('are kind/id, and say what is wrong when they are not', () => {
    const a = address('symbol', 'BTCUSDT');
    expect([a as string, kindOf(a), idOf(a)]).toEqual(['symbol/BTCUSDT', 'symbol', 'BTCUSDT']);
    expect(() => address('Symbol', 'x')).toThrow('Invalid actor kind "Symbol"');
    expect(() => address('symbol', 'a b')).toThrow('Invalid actor id "a b"');
    expect(() => parseAddress('nokind')).toThrow('expected "kind/id"');
    expect(parseAddress('account/acc_7')).toBe(address('account', 'acc_7'));
  });

  test('hash to 53-bit integers that survive a Float64 record', () => {
    const h = hash53('symbol/BTCUSDT');
    expect(Number.isSafeInteger(h)).toBe(true);
    expect(new Float64Array([h])[0]).toBe(h);
    expect(hash53('symbol/ETHUSDT')).not.toBe(h);
  });
});

describe('topics', () => {
  test('are dot-joined checked segments', () => {
    expect(topic('candle', 'BTCUSDT', '1m')).toBe(topic('candle', 'BTCUSDT', '1m'));
    expect(() => topic('candle', 'BTC.USDT')).toThrow('Invalid topic segment "BTC.USDT"');
    expect(() => topicPattern('candle.>.1m')).toThrow('Invalid topic pattern');
  });

  test('patterns: * matches one segment, a final > one or more', () => {
    const t = topic('candle', 'BTCUSDT', '1m');
    expect(topicMatches(topicPattern('candle.*.1m'), t)).toBe(true);
    expect(topicMatches(topicPattern('candle.*.5m'), t)).toBe(false);
    expect(topicMatches(topicPattern('candle.>'), t)).toBe(true);
    expect(topicMatches(topicPattern('candle.BTCUSDT.1m.>'), t)).toBe(false);
    expect(topicMatches(topicPattern('candle.*'), t)).toBe(false);
  });
});
