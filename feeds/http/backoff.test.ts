import { expect, test } from 'bun:test';
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelay } from './backoff.ts';

const policy = { baseMs: 1_000, maxMs: 8_000 };

test('doubles per consecutive failure up to the maximum, jittered between half and all of it', () => {
  expect([1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, policy, () => 0))).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000]);
  // random() → 1 is the upper bound of what it can return.
  expect([1, 2, 3, 4, 5, 2_000].map((n) => backoffDelay(n, policy, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
});

test('Retry-After in seconds or as an HTTP date; garbage is ignored; huge values are capped', () => {
  const now = Date.UTC(2025, 1, 20, 12);
  expect(parseRetryAfter('7', now)).toBe(7_000);
  expect(parseRetryAfter(' 0 ', now)).toBe(0);
  expect(parseRetryAfter('Thu, 20 Feb 2025 12:00:30 GMT', now)).toBe(30_000);
  expect(parseRetryAfter('Thu, 20 Feb 2025 11:00:00 GMT', now)).toBe(0);
  expect(parseRetryAfter('soon', now)).toBeNull();
  expect(parseRetryAfter(null, now)).toBeNull();
  expect(parseRetryAfter('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
});

test('the server asking for longer wins over the backoff, never the other way', () => {
  expect(retryDelay(1, policy, () => 0, 7_000)).toBe(7_000);
  expect(retryDelay(4, policy, () => 0.5, 1_000)).toBe(6_000);
  expect(retryDelay(1, policy, () => 0.5, null)).toBe(750);
});

test('429, 408 and 5xx are retried soon; other refusals are not', () => {
  expect([429, 408, 500, 502, 503].every(isRetryableStatus)).toBe(true);
  expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
});
