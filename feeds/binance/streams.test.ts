import { expect, test } from 'bun:test';
import { combinedStreamUrl, klinesUrl, MAX_STREAMS, parseStreamName, streamName } from './streams.ts';

test('stream names are lower-case symbol @ channel, and parse back', () => {
  expect(streamName('BTCUSDT', 'trade')).toBe('btcusdt@trade');
  expect(streamName('BtcUsdt', 'kline_1m')).toBe('btcusdt@kline_1m');
  expect(parseStreamName('btcusdt@kline_1m')).toEqual({ symbol: 'btcusdt', kind: 'kline', interval: '1m' });
  expect(parseStreamName('nknusdt@depth@100ms')).toEqual({ symbol: 'nknusdt', kind: 'depth' });
  expect(parseStreamName('nknusdt@aggTrade')).toEqual({ symbol: 'nknusdt', kind: 'aggTrade' });
  for (const bad of ['BTCUSDT@trade', 'btcusdt@aggtrade', 'btcusdt@kline_2m', 'btcusdt', '@trade', 'btcusdt@trade/x']) expect(parseStreamName(bad)).toBeNull();
  expect(() => streamName('btc-usdt', 'trade')).toThrow(RangeError);
});

test('the combined stream URL, on the default or a configured base', () => {
  const names = [streamName('BTCUSDT', 'trade'), streamName('BTCUSDT', 'kline_1m'), streamName('ETHUSDT', 'aggTrade')];
  expect(combinedStreamUrl(names)).toBe('wss://stream.binance.com:9443/stream?streams=btcusdt@trade/btcusdt@kline_1m/ethusdt@aggTrade');
  expect(combinedStreamUrl(names.slice(0, 1), 'ws://127.0.0.1:9000/')).toBe('ws://127.0.0.1:9000/stream?streams=btcusdt@trade');
});

test('configuration mistakes are refused with what was wrong', () => {
  expect(() => combinedStreamUrl([])).toThrow('at least one stream');
  expect(() => combinedStreamUrl(['btcusdt@trade'], 'https://stream.binance.com')).toThrow('ws:// or wss://');
  expect(() => combinedStreamUrl(['btcusdt@trades'])).toThrow('"btcusdt@trades"');
  expect(() => combinedStreamUrl(Array.from({ length: MAX_STREAMS + 1 }, () => 'btcusdt@trade'))).toThrow('1024');
});

test('the klines URL, upper-case symbol, on the default or a configured base', () => {
  const q = { symbol: 'btcusdt', interval: '1m', startTime: 1634943780000, endTime: 1634944319999, limit: 1000 } as const;
  expect(klinesUrl(q)).toBe('https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=1634943780000&endTime=1634944319999&limit=1000');
  expect(klinesUrl(q, 'http://127.0.0.1:8080/')).toStartWith('http://127.0.0.1:8080/api/v3/klines?symbol=BTCUSDT&');
});
