import { describe, expect, test } from 'bun:test';
import { topicMatches, topicPattern, type Topic } from '../../engine/names.ts';
import { redisNames } from './redis-names.ts';

/** Redis's glob, for the characters our globs use (`*` only): any run of characters, dots included. */
const globMatches = (glob: string, channel: string) => new RegExp(`^${glob.split('*').map((s) => s.replace(/[.^$+?()[\]{}|\\]/g, '\\$&')).join('.*')}$`).test(channel);

describe('redisNames', () => {
  const names = redisNames();

  test('a topic travels on tickflow:<topic>; its last value is a field of tickflow:last', () => {
    expect(names.channel('candle.BTCUSDT.1m')).toBe('tickflow:candle.BTCUSDT.1m');
    expect(names.topicOf('tickflow:candle.BTCUSDT.1m')).toBe('candle.BTCUSDT.1m' as Topic);
    expect(names.lastValues).toBe('tickflow:last');
    expect(redisNames('staging').channel('a.b')).toBe('staging:a.b');
  });

  test('channels that are not ours, or not topics, have no topic', () => {
    for (const c of ['other:a.b', 'tickflow:', 'tickflow:a..b', 'tickflow:a.b.', 'tickflow:a b', 'tickflow:a.*']) expect(names.topicOf(c)).toBeUndefined();
  });

  test('a namespace with glob or separator characters is refused', () => {
    for (const bad of ['', 'a*', 'a:b', 'a.b', 'a[1]']) expect(() => redisNames(bad)).toThrow(/namespace/);
  });

  test('the glob of a pattern matches every channel of the topics the pattern matches; JS filtering removes the rest', () => {
    const topics = ['stats', 'stats.crypto', 'stats.crypto.BTCUSDT', 'stats.stock.AAPL', 'candle.BTCUSDT.1m', 'candle.BTCUSDT.1m.x', 'candle.ETHUSDT.5m'] as Topic[];
    const cases: [string, string, string[]][] = [
      ['stats.*', 'tickflow:stats.*', ['stats.crypto']],
      ['stats.>', 'tickflow:stats.*', ['stats.crypto', 'stats.crypto.BTCUSDT', 'stats.stock.AAPL']],
      ['candle.*.1m', 'tickflow:candle.*.1m', ['candle.BTCUSDT.1m']],
      ['candle.>', 'tickflow:candle.*', ['candle.BTCUSDT.1m', 'candle.BTCUSDT.1m.x', 'candle.ETHUSDT.5m']],
      ['stats.crypto', 'tickflow:stats.crypto', ['stats.crypto']],
      ['>', 'tickflow:*', topics],
    ];
    for (const [text, glob, expected] of cases) {
      const pattern = topicPattern(text);
      expect(names.glob(pattern)).toBe(glob);
      const byGlob = topics.filter((t) => globMatches(glob, names.channel(t)));
      const exact = topics.filter((t) => topicMatches(pattern, t));
      expect(exact).toEqual(expected as Topic[]);
      expect(exact.every((t) => byGlob.includes(t))).toBe(true); // never misses one
    }
    // The coarse case: Redis's `*` crosses a dot, the engine's does not.
    expect(globMatches(names.glob(topicPattern('stats.*')), 'tickflow:stats.crypto.BTCUSDT')).toBe(true);
    expect(topicMatches(topicPattern('stats.*'), 'stats.crypto.BTCUSDT' as Topic)).toBe(false);
  });
});
