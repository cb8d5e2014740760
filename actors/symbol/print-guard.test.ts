import { expect, test } from 'bun:test';
import { PrintGuard } from './print-guard.ts';

test('drops impossible prints and counts each reason', () => {
  const g = new PrintGuard();
  expect(g.check(1, 100, 1)).toBeNull();
  expect(g.check(2, Number.NaN, 1)).toBe('not-finite');
  expect(g.check(2, 0, 1)).toBe('non-positive');
  expect(g.check(2, 100, -1)).toBe('non-positive');
  expect(g.check(0, 100, 1)).toBe('out-of-order');
  expect(g.check(3, 1_000, 1)).toBe('out-of-band');
  expect(g.check(4, 101, 1)).toBeNull();
  expect(g.dropped).toEqual({ 'not-finite': 1, 'non-positive': 2, 'out-of-order': 1, 'out-of-band': 1 });
});

test('a real jump is accepted once consecutive prints confirm the new level', () => {
  const g = new PrintGuard(20, 3);
  g.check(1, 100, 1);
  expect(g.check(2, 60, 1)).toBe('out-of-band');
  expect(g.check(3, 61, 1)).toBe('out-of-band');
  expect(g.check(4, 60.5, 1)).toBeNull(); // third agreeing print: the market really moved
  expect(g.check(5, 61, 1)).toBeNull();
});

test('a lone wild print does not move the anchor', () => {
  const g = new PrintGuard(20, 3);
  g.check(1, 100, 1);
  g.check(2, 500, 1);
  g.check(3, 30, 1);
  expect(g.check(4, 99, 1)).toBeNull();
});

test('state round-trips through JSON', () => {
  const g = new PrintGuard();
  g.check(1, 100, 1);
  g.check(2, 900, 1);
  const h = new PrintGuard(20, 3, JSON.parse(JSON.stringify(g.getState())));
  expect(h.check(3, 101, 1)).toBeNull();
  expect(h.dropped['out-of-band']).toBe(1);
});

test('history from before 1970 is in order, and a series that may go to zero or below keeps those prints', () => {
  const rates = new PrintGuard(1e6, 3, undefined, false); // as the market makes macro series: no band
  expect(rates.check(Date.UTC(1962, 0, 2), 4.06, 0)).toBeNull();
  expect(rates.check(Date.UTC(1962, 0, 3), 4.03, 0)).toBeNull();
  expect(rates.check(Date.UTC(2020, 4, 1), 0, 0)).toBeNull();
  expect(rates.check(Date.UTC(2020, 4, 2), -0.05, 0)).toBeNull();
  const prices = new PrintGuard();
  expect(prices.check(Date.UTC(1962, 0, 2), 0, 1)).toBe('non-positive');
});
