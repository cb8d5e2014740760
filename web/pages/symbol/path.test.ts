import { expect, test } from 'bun:test';
import { pathAt } from './path.ts';

const H = 3_600_000;
// The shape of /api/asset/BTCUSDT/forecast's path: one point per 1h candle from made-at to target.
const path = [
  { time: 0, price: 100, low: 100, high: 100 },
  { time: H, price: 101, low: 98, high: 104 },
  { time: 2 * H, price: 102, low: 97, high: 106 },
];

test("at the forecast's own timeframe the path is drawn as the server gives it", () => {
  expect(pathAt(path, H)).toEqual(path);
});

test('a finer chart gets the points in between, interpolated, and ends on the target', () => {
  const at15m = pathAt(path, H / 4)!;
  expect(at15m).toHaveLength(9);
  expect(at15m[0]).toEqual(path[0]!);
  expect(at15m[2]).toEqual({ time: H / 2, price: 100.5, low: 99, high: 102 });
  expect(at15m[8]).toEqual(path[2]!);
  expect(at15m.map((p) => p.time)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => (i * H) / 4));
});

test('a coarser chart cannot show it; a path of one point is kept as it is', () => {
  expect(pathAt(path, 4 * H)).toBeNull();
  expect(pathAt([path[0]!], H)).toEqual([path[0]!]);
  expect(pathAt([], H)).toEqual([]);
});
