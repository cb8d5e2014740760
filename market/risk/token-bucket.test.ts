import { expect, test } from 'bun:test';
import { fullBucket, takeToken, type TokenBucket } from './token-bucket.ts';

const config = { capacity: 3, refillPerSecond: 2 };

test('a burst up to the capacity, then one token every 1/rate seconds', () => {
  let bucket: TokenBucket = fullBucket(config, 0);
  const results: (boolean | number)[] = [];
  for (const at of [0, 0, 0, 0, 100, 500, 500, 1_000]) {
    const r = takeToken(bucket, config, at);
    bucket = r.bucket;
    results.push(r.ok ? true : r.retryAfterMs);
  }
  // 3 at once; the 4th waits 500 ms; at 100 ms 0.2 tokens → 400 ms; at 500 ms one token; at 1000 ms another.
  expect(results).toEqual([true, true, true, 500, 400, true, 500, true]);
});

test('never holds more than its capacity, and a clock step back mints nothing', () => {
  const r = takeToken({ tokens: 0, updatedAt: 10_000 }, config, 9_000);
  expect(r).toEqual({ ok: false, bucket: { tokens: 0, updatedAt: 10_000 }, retryAfterMs: 500 });
  expect(takeToken({ tokens: 1, updatedAt: 0 }, config, 3_600_000).bucket.tokens).toBe(2);
});

test('a nonsense config throws', () => {
  expect(() => takeToken(fullBucket(config, 0), { capacity: 0, refillPerSecond: 1 }, 0)).toThrow('Invalid token bucket: capacity 0, refill 1/s');
});
