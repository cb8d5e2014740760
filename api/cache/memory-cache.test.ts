import { expect, test } from 'bun:test';
import { memoryCache } from './memory-cache.ts';
import { responseCacheContract } from './response-cache.contract.ts';

responseCacheContract('memory', () => ({ cache: memoryCache(), close: () => undefined }));

test('expiry follows the injected clock to the millisecond', async () => {
  let now = 1_000;
  const cache = memoryCache({ now: () => now });
  await cache.set('k', 'v', 100);
  now = 1_099;
  expect(await cache.get('k')).toBe('v');
  now = 1_100;
  expect(await cache.get('k')).toBeUndefined();
  expect(cache.size).toBe(0); // an expired entry read is gone
});

test('bounded by entries: the least recently used goes first', async () => {
  const cache = memoryCache({ maxEntries: 3 });
  for (const k of ['a', 'b', 'c']) await cache.set(k, k, 60_000);
  await cache.get('a'); // now b is the least recently used
  await cache.set('d', 'd', 60_000);
  expect(cache.size).toBe(3);
  expect(await cache.get('b')).toBeUndefined();
  expect(await Promise.all(['a', 'c', 'd'].map((k) => cache.get(k)))).toEqual(['a', 'c', 'd']);
});

test('bounded by characters: big values push out old ones; one bigger than the bound is not kept', async () => {
  const cache = memoryCache({ maxChars: 100 });
  await cache.set('a', 'x'.repeat(40), 60_000);
  await cache.set('b', 'x'.repeat(40), 60_000);
  await cache.set('c', 'x'.repeat(40), 60_000);
  expect(await cache.get('a')).toBeUndefined();
  expect(cache.size).toBe(2);
  await cache.set('huge', 'x'.repeat(101), 60_000);
  expect(await cache.get('huge')).toBeUndefined();
  expect(cache.size).toBe(2);
});

test('100,000 distinct keys stay within the bound', async () => {
  const cache = memoryCache({ maxEntries: 1_000 });
  for (let i = 0; i < 100_000; i++) await cache.set(`k${i}`, 'v', 60_000);
  expect(cache.size).toBe(1_000);
  expect(await cache.get('k99999')).toBe('v');
  expect(await cache.get('k0')).toBeUndefined();
});
