import { expect, test } from 'bun:test';
import { barPrints } from './bars.ts';
import { PRINT_OFFSETS } from './replay/prints.ts';

const MIN = 60_000;
const DAY = 1_440 * MIN;

test('a 1m bar prints exactly as a replayed one: at PRINT_OFFSETS, volume on the close', () => {
  const bar = { openTime: Date.UTC(2021, 3, 2), open: 10, high: 12, low: 9.5, close: 11, volume: 7 };
  const prints = barPrints(bar, MIN);
  expect(prints.map((p) => p.time - bar.openTime)).toEqual([...PRINT_OFFSETS]);
  // Open nearer the low: the path goes down first.
  expect(prints).toEqual([
    { time: bar.openTime, price: 10, qty: 0 },
    { time: bar.openTime + 20_000, price: 9.5, qty: 0 },
    { time: bar.openTime + 40_000, price: 12, qty: 0 },
    { time: bar.openTime + 59_999, price: 11, qty: 7 },
  ]);
});

test('a 1d bar prints at 00:00, 08:00, 16:00 and its last millisecond', () => {
  const bar = { openTime: Date.UTC(2020, 10, 6), open: 118.32, high: 119.2, low: 116.13, close: 118.69, volume: 114_457_900 };
  const prints = barPrints(bar, DAY);
  expect(prints.map((p) => new Date(p.time).toISOString())).toEqual(['2020-11-06T00:00:00.000Z', '2020-11-06T08:00:00.000Z', '2020-11-06T16:00:00.000Z', '2020-11-06T23:59:59.999Z']);
  expect(prints.map((p) => p.price)).toEqual([118.32, 119.2, 116.13, 118.69]);
  expect(prints.map((p) => p.qty)).toEqual([0, 0, 0, 114_457_900]);
});

test('a flat bar (a macro observation) is four equal prints with no volume', () => {
  const prints = barPrints({ openTime: 0, open: 14.7, high: 14.7, low: 14.7, close: 14.7, volume: 0 }, DAY);
  expect(prints.map((p) => [p.price, p.qty])).toEqual([[14.7, 0], [14.7, 0], [14.7, 0], [14.7, 0]]);
});

test('a bar too short to hold four distinct times is refused', () => {
  expect(() => barPrints({ openTime: 0, open: 1, high: 1, low: 1, close: 1, volume: 0 }, 3)).toThrow('barMs must be an integer of at least 4 ms, got 3');
});
