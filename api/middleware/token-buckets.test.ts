import { describe, expect, test } from 'bun:test';
import { TokenBuckets } from './token-buckets.ts';

const buckets = (o: { ratePerSec?: number; burst?: number; maxBuckets?: number } = {}) => {
  const clock = { now: 0 };
  const b = new TokenBuckets({ ratePerSec: o.ratePerSec ?? 1, burst: o.burst ?? 3, maxBuckets: o.maxBuckets ?? 100, now: () => clock.now });
  return { b, clock };
};

describe('TokenBuckets', () => {
  test('a burst, then one request per refilled token; Retry-After rounds up', () => {
    const { b, clock } = buckets({ ratePerSec: 0.5, burst: 2 });
    expect(b.take('a')).toEqual({ allowed: true, remaining: 1, retryAfterSec: 0, fullInSec: 2 });
    expect(b.take('a')).toEqual({ allowed: true, remaining: 0, retryAfterSec: 0, fullInSec: 4 });
    expect(b.take('a')).toEqual({ allowed: false, remaining: 0, retryAfterSec: 2, fullInSec: 4 });
    clock.now = 1_500; // 0.75 of a token: still refused, 0.5 s to go, said as 1
    expect(b.take('a')).toMatchObject({ allowed: false, retryAfterSec: 1 });
    clock.now = 2_000;
    expect(b.take('a')).toMatchObject({ allowed: true, remaining: 0 });
    clock.now = 60_000; // long idle: full again, never more than the burst
    expect(b.take('a')).toMatchObject({ allowed: true, remaining: 1 });
  });

  test('keys do not share tokens', () => {
    const { b } = buckets({ burst: 1 });
    expect(b.take('a').allowed).toBe(true);
    expect(b.take('a').allowed).toBe(false);
    expect(b.take('b').allowed).toBe(true);
  });

  test('a flood of new keys never holds more than maxBuckets; the least recently seen goes first', () => {
    const { b } = buckets({ burst: 1, maxBuckets: 100 });
    b.take('regular'); // spent its only token
    for (let i = 0; i < 50; i++) b.take(`flood-${i}`);
    b.take('regular'); // seen again (and refused): now more recent than flood-0..49
    for (let i = 50; i < 120; i++) b.take(`flood-${i}`); // 21 evictions: flood-0..20, older than it
    expect(b.take('regular').allowed).toBe(false); // kept: still spent
    for (let i = 120; i < 10_000; i++) {
      b.take(`flood-${i}`);
      expect(b.size).toBeLessThanOrEqual(100);
    }
    expect(b.size).toBe(100);
    // The price of the bound: a client pushed out by a flood comes back with a fresh bucket.
    expect(b.take('regular').allowed).toBe(true);
  });

  test('buckets idle long enough to be full again are dropped, costing nothing', () => {
    const { b, clock } = buckets({ ratePerSec: 10, burst: 20 }); // full again 2 s after the last request
    for (let i = 0; i < 50; i++) b.take(`k${i}`);
    clock.now = 1_999;
    b.take('late');
    expect(b.size).toBe(51);
    clock.now = 3_000;
    b.take('later'); // every k* idle 3 s and `late` 1 s: only the k* are full again
    expect(b.size).toBe(2);
    expect(b.take('k0')).toMatchObject({ allowed: true, remaining: 19 }); // a dropped bucket comes back full: the same as if kept
  });

  test('a clock that steps back refills nothing and breaks nothing', () => {
    const { b, clock } = buckets({ burst: 1 });
    clock.now = 10_000;
    b.take('a');
    clock.now = 5_000;
    expect(b.take('a')).toMatchObject({ allowed: false, retryAfterSec: 1 });
  });

  test('nonsense options are refused', () => {
    expect(() => new TokenBuckets({ ratePerSec: 0, burst: 1, maxBuckets: 1, now: () => 0 })).toThrow('ratePerSec > 0');
  });
});
