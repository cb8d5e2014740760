import { expect, test } from 'bun:test';
import { topic, topicPattern } from '../names.ts';
import { Subscriptions } from './subscriptions.ts';

test('resolves exact and pattern subscribers once each, and forgets removed ones', () => {
  const subs = new Subscriptions<string>();
  subs.add(topicPattern('candle.BTCUSDT.1m'), 'a');
  subs.add(topicPattern('candle.*.1m'), 'a');
  subs.add(topicPattern('candle.>'), 'b');
  const t = topic('candle', 'BTCUSDT', '1m');
  expect([...subs.resolve(t)].sort()).toEqual(['a', 'b']);
  subs.removeAll('a');
  expect(subs.resolve(t)).toEqual(['b']);
  expect(subs.resolve(topic('quote', 'X'))).toEqual([]);
});
