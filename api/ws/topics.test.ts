import { beforeAll, expect, test } from 'bun:test';
import { loadInstruments } from '../../config/instruments.ts';
import type { InstrumentRegistry } from '../../market/instruments/index.ts';
import { checkTopic } from './topics.ts';

let instruments: InstrumentRegistry;
beforeAll(async () => {
  const loaded = await loadInstruments();
  if (!loaded.ok) throw new Error(loaded.error);
  instruments = loaded.registry;
});

test('topics and patterns of every kind come back canonical', () => {
  const ok = (t: string) => checkTopic(t, instruments);
  expect(ok('candle.BTCUSDT.1m')).toEqual({ ok: true, pattern: 'candle.BTCUSDT.1m' });
  expect(ok('candle.btcusdt.1m')).toEqual({ ok: true, pattern: 'candle.BTCUSDT.1m' });
  expect(ok('candle.*.1m')).toEqual({ ok: true, pattern: 'candle.*.1m' });
  expect(ok('stats.crypto.*')).toEqual({ ok: true, pattern: 'stats.crypto.*' });
  expect(ok('stats.stock.aapl')).toEqual({ ok: true, pattern: 'stats.stock.AAPL' });
  expect(ok('tick.>')).toEqual({ ok: true, pattern: 'tick.>' });
  expect(ok('indicators.ETHUSDT.>')).toEqual({ ok: true, pattern: 'indicators.ETHUSDT.>' });
  expect(ok('gap.*')).toEqual({ ok: true, pattern: 'gap.*' });
  expect(ok('feed.binance')).toEqual({ ok: true, pattern: 'feed.binance' });
});

test('an unknown symbol is named, with the closest known ones', () => {
  expect(checkTopic('tick.BTCUSD', instruments)).toEqual({ ok: false, code: 'unknown-symbol', message: 'Unknown symbol "BTCUSD": did you mean BTCUSDT?', suggestions: ['BTCUSDT'] });
  expect(checkTopic('stats.crypto.NOPE', instruments)).toMatchObject({ ok: false, code: 'unknown-symbol' });
});

test('anything else that is not a market topic is invalid, and says why', () => {
  const why = (t: string) => {
    const c = checkTopic(t, instruments);
    return c.ok ? 'ok' : `${c.code}: ${c.message}`;
  };
  expect(why('quotes.BTCUSDT')).toStartWith('invalid-topic: "quotes.BTCUSDT": a topic starts with one of tick, candle');
  expect(why('>')).toStartWith('invalid-topic');
  expect(why('*.BTCUSDT')).toStartWith('invalid-topic');
  expect(why('candle.BTCUSDT.2m')).toBe('invalid-topic: "candle.BTCUSDT.2m": timeframe must be one of 1m, 5m, 15m, 1h, 4h, 1d, got "2m"');
  expect(why('candle.BTCUSDT')).toBe('invalid-topic: "candle.BTCUSDT" is incomplete: expected candle.<symbol>.<tf>');
  expect(why('tick')).toBe('invalid-topic: "tick" is incomplete: expected tick.<symbol>');
  expect(why('candle.BTCUSDT.1m.x')).toBe('invalid-topic: "candle.BTCUSDT.1m.x" has too many segments: expected candle.<symbol>.<tf>');
  expect(why('tick.>.x')).toBe('invalid-topic: "tick.>.x": ">" may only be the last segment');
  expect(why('tick.')).toStartWith('invalid-topic');
  expect(why('tick.BTC USDT')).toStartWith('invalid-topic');
  expect(why('stats.forex.*')).toStartWith('invalid-topic: "stats.forex.*": class must be one of crypto, stock, macro');
  expect(why('stats.stock.BTCUSDT')).toBe('invalid-topic: "stats.stock.BTCUSDT": BTCUSDT is crypto, not stock');
});
