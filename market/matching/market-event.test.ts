import { describe, expect, test } from 'bun:test';
import { barPath as replayBarPath, printOffsets } from '../../feeds/replay/prints.ts';
import { barPath, barPathTimes, pathOf } from './market-event.ts';

const bar = (open: number, high: number, low: number, close: number) => ({ openTime: 0, open, high, low, close, volume: 1 });

describe('the bar path convention', () => {
  test('the nearer extreme comes first; a tie goes high first', () => {
    expect(barPath(bar(100, 110, 99, 105))).toEqual([100, 99, 110, 105]); // open nearer the low
    expect(barPath(bar(100, 101, 90, 95))).toEqual([100, 101, 90, 95]); // open nearer the high
    expect(barPath(bar(100, 105, 95, 100))).toEqual([100, 105, 95, 100]); // tie
  });

  test("is the replay's, point for point and time for time (feeds/replay/prints.ts)", () => {
    const bars = [bar(100, 110, 99, 105), bar(100, 101, 90, 95), bar(100, 105, 95, 100), bar(5, 5, 5, 5), bar(1, 3, 1, 3)];
    for (const b of bars) expect([...barPath(b)]).toEqual(replayBarPath(b));
    for (const ms of [4, 60_000, 3_600_000, 86_400_000]) expect(barPathTimes(0, ms)).toEqual(printOffsets(ms));
  });

  test('a bar becomes a jump to its open and three continuous moves', () => {
    const points = pathOf({ kind: 'bar', bar: { ...bar(100, 110, 99, 105), openTime: 60_000 }, durationMs: 60_000 }, 'AAPL');
    expect(points).toEqual([
      { price: 100, time: 60_000, continuous: false },
      { price: 99, time: 80_000, continuous: true },
      { price: 110, time: 100_000, continuous: true },
      { price: 105, time: 119_999, continuous: true },
    ]);
  });
});

describe('bad data fails loudly', () => {
  test.each([
    [{ kind: 'tick', time: 0, price: 0, size: 1 }, 'Invalid tick for AAPL: price 0, size 1 at 0'],
    [{ kind: 'tick', time: 0, price: 1, size: -1 }, 'Invalid tick for AAPL: price 1, size -1 at 0'],
    [{ kind: 'tick', time: Number.NaN, price: 1, size: 1 }, 'Invalid tick for AAPL: price 1, size 1 at NaN'],
    [{ kind: 'bar', bar: bar(100, 99, 98, 99), durationMs: 60_000 }, 'Invalid bar for AAPL at 0: O 100 H 99 L 98 C 99 V 1'],
    [{ kind: 'bar', bar: bar(100, 101, 98, Number.NaN), durationMs: 60_000 }, 'Invalid bar for AAPL at 0: O 100 H 101 L 98 C NaN V 1'],
    [{ kind: 'bar', bar: bar(100, 101, 98, 99), durationMs: 1.5 }, 'Invalid bar duration for AAPL: 1.5 ms'],
  ] as const)('%j', (event, message) => {
    expect(() => pathOf(event, 'AAPL')).toThrow(message);
  });
});
