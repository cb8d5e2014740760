import { expect, test } from 'bun:test';
import { drawdowns } from './drawdown.ts';

test('drawdown is the fall below the running peak; gaps stay gaps and do not reset the peak', () => {
  const dd = drawdowns([100, 110, 99, null, 121, 108.9]);
  expect(dd[0]).toBe(0);
  expect(dd[1]).toBe(0);
  expect(dd[2]).toBeCloseTo(-0.1, 12);
  expect(dd[3]).toBeNull();
  expect(dd[4]).toBe(0);
  expect(dd[5]).toBeCloseTo(-0.1, 12);
  expect(drawdowns([])).toEqual([]);
});
