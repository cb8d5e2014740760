import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import type { ResponseCache } from './response-cache.ts';

/** A cache to test, empty, and how to dispose of it. */
export interface CacheUnderTest {
  readonly cache: ResponseCache;
  close(): Promise<void> | void;
}

/** Polls in wall time (TTLs here are real) until `check` holds, or fails naming it. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await Bun.sleep(5);
  }
}

/**
 * What every ResponseCache must do. Call it from a test file with a factory giving an empty
 * cache each time (see memory-cache.test.ts, redis-cache.test.ts).
 */
export function responseCacheContract(name: string, make: () => Promise<CacheUnderTest> | CacheUnderTest): void {
  describe(`ResponseCache contract: ${name}`, () => {
    let under: CacheUnderTest;
    let cache: ResponseCache;
    beforeEach(async () => {
      under = await make();
      cache = under.cache;
    });
    afterEach(async () => under.close());

    test('a miss, then what was set, counted as a miss and a hit', async () => {
      expect(await cache.get('GET /a')).toBeUndefined();
      await cache.set('GET /a', '{"a":1}', 60_000);
      expect(await cache.get('GET /a')).toBe('{"a":1}');
      expect(cache.stats()).toEqual({ hits: 1, misses: 1, errors: 0 });
    });

    test('setting again replaces; keys are told apart exactly', async () => {
      await cache.set('GET /a?x=1', 'one', 60_000);
      await cache.set('GET /a?x=1', 'two', 60_000);
      await cache.set('GET /a?x=2', 'other', 60_000);
      expect(await cache.get('GET /a?x=1')).toBe('two');
      expect(await cache.get('GET /a?x=2')).toBe('other');
      expect(await cache.get('GET /a')).toBeUndefined();
    });

    test('an entry expires after its time to live', async () => {
      await cache.set('short', 'v', 80);
      await cache.set('long', 'v', 60_000);
      expect(await cache.get('short')).toBe('v');
      await eventually('the short entry to expire', async () => (await cache.get('short')) === undefined);
      expect(await cache.get('long')).toBe('v');
    });

    test('a time to live of zero or less stores nothing', async () => {
      await cache.set('k', 'v', 0);
      await cache.set('j', 'v', -5);
      expect(await cache.get('k')).toBeUndefined();
      expect(await cache.get('j')).toBeUndefined();
    });

    test('values come back byte for byte: unicode, empty, large', async () => {
      const values = ['', '{"s":"€ 日本 \\u0000 \\n"}', 'x'.repeat(1_000_000)];
      for (const [i, v] of values.entries()) await cache.set(`k${i}`, v, 60_000);
      for (const [i, v] of values.entries()) expect(await cache.get(`k${i}`)).toBe(v);
    });
  });
}
