import { expect, test } from 'bun:test';
import { FeedHealth } from './feed-state.ts';

test('the worst member shows, and a routine poll does not make the feed flicker', () => {
  const errors: Record<string, string> = { SPY: 'HTTP 500' };
  const health = new FeedHealth((m) => errors[m] ?? null);
  health.note('AAPL', 'polling');
  health.note('SPY', 'polling');
  expect(health.changed()).toEqual({ state: 'polling', failing: [], lastError: null });
  health.note('AAPL', 'waiting');
  expect(health.changed()).toBeNull(); // SPY's first answer is still out
  health.note('SPY', 'backing-off');
  expect(health.changed()).toEqual({ state: 'backing-off', failing: ['SPY'], lastError: 'SPY: HTTP 500' });
  health.note('AAPL', 'polling'); // the next routine poll: still as its last attempt left it
  health.note('SPY', 'polling');
  expect(health.summary()).toEqual({ state: 'backing-off', failing: ['SPY'], lastError: 'SPY: HTTP 500' });
  health.note('SPY', 'waiting');
  expect(health.changed()).toEqual({ state: 'waiting', failing: [], lastError: null });
  health.note('AAPL', 'waiting');
  expect(health.changed()).toBeNull();
  health.note('AAPL', 'stopped');
  expect(health.changed()).toBeNull(); // SPY still polls
  health.note('SPY', 'stopped');
  expect(health.changed()).toEqual({ state: 'stopped', failing: [], lastError: null });
});

test('an outage outranks a refused member, and a missing key outranks both', () => {
  const health = new FeedHealth(() => null);
  health.note('FB', 'rejected');
  health.note('AAPL', 'backing-off');
  expect(health.summary()).toEqual({ state: 'backing-off', failing: ['AAPL', 'FB'], lastError: 'AAPL: backing-off' });
  health.note('DGS10', 'missing-api-key');
  expect(health.summary().state).toBe('missing-api-key');
});
