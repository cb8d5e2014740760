import { expect, test } from 'bun:test';
import { syntheticBars } from './synthetic-bars.ts';
import { WindowExtremes } from './window-extremes.ts';

const bars = syntheticBars(400, 9);

/** The extremes of the last `size` bars up to and including bar i, by rescanning them. */
const rescan = (i: number, size: number) => {
  const window = bars.slice(i - size + 1, i + 1);
  return { highest: Math.max(...window.map((b) => b.high)), lowest: Math.min(...window.map((b) => b.low)) };
};

test('every full window gives the rescan extremes, for any size, before and after a restore anywhere', () => {
  for (const size of [1, 2, 3, 5, 14, 20]) {
    let extremes = new WindowExtremes(size);
    bars.forEach((bar, i) => {
      if (i >= size - 1) {
        const found = { highest: extremes.highestWith(bar.high), lowest: extremes.lowestWith(bar.low) };
        expect({ size, i, ...found }).toEqual({ size, i, ...rescan(i, size) });
      }
      extremes.push(bar.high, bar.low);
      // Each bar, for some, a restored copy takes over: the blocks must come back from the window alone.
      if ((i * 7 + size) % 3 === 0) {
        const { highs, lows } = JSON.parse(JSON.stringify(extremes.getState()));
        extremes = WindowExtremes.restore(highs, lows, size);
      }
    });
  }
});

test('reading the extremes "with" a bar writes nothing', () => {
  const extremes = new WindowExtremes(14);
  bars.slice(0, 30).forEach((bar) => extremes.push(bar.high, bar.low));
  const before = JSON.stringify(extremes.getState());
  const high = extremes.highestWith(1e9), low = extremes.lowestWith(-1e9);
  expect([high, low]).toEqual([1e9, -1e9]);
  expect(JSON.stringify(extremes.getState())).toBe(before);
  expect(extremes.highestWith(0)).toBe(rescan(29, 13).highest);
});

test('a state whose highs and lows disagree is refused', () => {
  const extremes = new WindowExtremes(3);
  extremes.push(2, 1);
  const { highs, lows } = extremes.getState();
  expect(() => WindowExtremes.restore(highs, { ...lows, pushed: 2 }, 3)).toThrow();
  expect(() => WindowExtremes.restore(highs, lows, 4)).toThrow();
});
